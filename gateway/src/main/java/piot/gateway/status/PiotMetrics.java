package piot.gateway.status;

/**
 * The metrics a piot gateway exposes, registered under their documented names (docs/http-api.md).
 * The router, mesh and holding feed them; the HTTP server feeds the {@code piot_http_*} ones.
 *
 * @param messagesIn         {@code piot_messages_in_total{type}}: messages received from peers, by message type
 * @param messagesOut        {@code piot_messages_out_total{type}}: messages sent to peers, by message type
 * @param confirmations      {@code piot_confirmations_total{peer,outcome}}: confirmations received, outcome ok|mismatch|stale
 * @param retransmissions    {@code piot_retransmissions_total{peer}}: messages sent again
 * @param holdingDepth       {@code piot_holding_depth{peer}}: messages in holding per peer
 * @param holdingDropped     {@code piot_holding_dropped_total{peer,reason}}: messages dropped from holding, reason overflow|ttl|conflated|clean-slate
 * @param sessionsUp         {@code piot_sessions_up}: live sessions now
 * @param sessionStarts      {@code piot_session_starts_total{peer}}: sessions established
 * @param sessionEnds        {@code piot_session_ends_total{peer,reason}}: sessions ended, by reason
 * @param sensorReadErrors   {@code piot_sensor_read_errors_total{thing,kind}}: failed sensor reads
 * @param actions            {@code piot_actions_total{outcome}}: actions by final status completed|failed|expired
 * @param deliveryLatency    {@code piot_delivery_latency_seconds{type}}: from a data message's first send to its confirmation by the next hop
 * @param actionLatency      {@code piot_action_latency_seconds}: from request to final status
 * @param confirmationRtt    {@code piot_confirmation_rtt_seconds{peer}}: from a data message's last send to its confirmation
 * @param eventLatency       {@code piot_event_latency_seconds}: from a reading at another node to its arrival here
 * @param httpRequests       {@code piot_http_requests_total{method,code}}: HTTP API requests answered
 * @param sseClients         {@code piot_http_sse_clients}: connected event-stream clients
 * @param sseDropped         {@code piot_http_sse_dropped_total}: events dropped for slow event-stream clients
 */
public record PiotMetrics(Counter messagesIn, Counter messagesOut, Counter confirmations, Counter retransmissions,
                          Gauge holdingDepth, Counter holdingDropped, Gauge sessionsUp, Counter sessionStarts,
                          Counter sessionEnds, Counter sensorReadErrors, Counter actions, Histogram deliveryLatency,
                          Histogram actionLatency, Histogram confirmationRtt, Histogram eventLatency, Counter httpRequests, Gauge sseClients,
                          Counter sseDropped) {

    /** Registers every piot metric in {@code m} (idempotent) and returns the handles. */
    public static PiotMetrics register(Metrics m) {
        return new PiotMetrics(
                m.counter("piot_messages_in_total", "Messages received from peers, by message type.", "type"),
                m.counter("piot_messages_out_total", "Messages sent to peers, by message type.", "type"),
                m.counter("piot_confirmations_total", "Confirmations received from peers, by outcome (ok, mismatch, stale).", "peer", "outcome"),
                m.counter("piot_retransmissions_total", "Messages sent to a peer again.", "peer"),
                m.gauge("piot_holding_depth", "Messages waiting in holding, per peer.", "peer"),
                m.counter("piot_holding_dropped_total", "Messages dropped from holding, by reason (overflow, ttl, conflated, clean-slate).", "peer", "reason"),
                m.gauge("piot_sessions_up", "Live sessions."),
                m.counter("piot_session_starts_total", "Sessions established, per peer.", "peer"),
                m.counter("piot_session_ends_total", "Sessions ended, per peer and reason.", "peer", "reason"),
                m.counter("piot_sensor_read_errors_total", "Failed sensor reads, by thing and kind.", "thing", "kind"),
                m.counter("piot_actions_total", "Actions requested here, by final status (completed, failed, expired).", "outcome"),
                m.histogram("piot_delivery_latency_seconds", "From a data message's first send to its confirmation by the next hop, by message type.", Histogram.LATENCY_SECONDS, "type"),
                m.histogram("piot_action_latency_seconds", "From action request to final status.", Histogram.LATENCY_SECONDS),
                m.histogram("piot_confirmation_rtt_seconds", "From a data message's last send to its confirmation, per peer.", Histogram.LATENCY_SECONDS, "peer"),
                m.histogram("piot_event_latency_seconds", "From a reading at another node to its arrival here (wall clocks).", Histogram.LATENCY_SECONDS),
                m.counter("piot_http_requests_total", "HTTP API requests answered, by method and status code.", "method", "code"),
                m.gauge("piot_http_sse_clients", "Connected event-stream clients."),
                m.counter("piot_http_sse_dropped_total", "Events dropped because an event-stream client was too slow."));
    }
}
