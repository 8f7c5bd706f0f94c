package piot.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void countersGaugesAndHistogramsRenderInTextFormat004() {
        Metrics m = new Metrics();
        Counter in = m.counter("piot_messages_in_total", "Messages in.", "type");
        in.labels("event").inc();
        in.labels("event").inc(2);
        in.labels("action").inc();
        Gauge depth = m.gauge("piot_holding_depth", "Holding.", "peer");
        depth.labels("barn-1").set(42);
        depth.labels("field-1").setFunction(() -> 1.5);
        Histogram h = m.histogram("piot_rtt_seconds", "RTT.", new double[] {0.01, 0.1, 1});
        h.observe(0.005);
        h.observe(0.1);
        h.observe(5);
        assertEquals("""
                # HELP piot_holding_depth Holding.
                # TYPE piot_holding_depth gauge
                piot_holding_depth{peer="barn-1"} 42
                piot_holding_depth{peer="field-1"} 1.5
                # HELP piot_messages_in_total Messages in.
                # TYPE piot_messages_in_total counter
                piot_messages_in_total{type="action"} 1
                piot_messages_in_total{type="event"} 3
                # HELP piot_rtt_seconds RTT.
                # TYPE piot_rtt_seconds histogram
                piot_rtt_seconds_bucket{le="0.01"} 1
                piot_rtt_seconds_bucket{le="0.1"} 2
                piot_rtt_seconds_bucket{le="1"} 2
                piot_rtt_seconds_bucket{le="+Inf"} 3
                piot_rtt_seconds_sum 5.105
                piot_rtt_seconds_count 3
                """, m.render());
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        Metrics m = new Metrics();
        m.counter("x_total", "a \\ b\nc", "l").labels("q\"uote\\back\nline").inc();
        assertEquals("""
                # HELP x_total a \\\\ b\\nc
                # TYPE x_total counter
                x_total{l="q\\"uote\\\\back\\nline"} 1
                """, m.render());
    }

    @Test
    void registeringAgainReturnsTheSameMetricButAConflictIsAnError() {
        Metrics m = new Metrics();
        Counter c = m.counter("a_total", "A.", "peer");
        assertSame(c, m.counter("a_total", "A.", "peer"));
        assertThrows(IllegalArgumentException.class, () -> m.gauge("a_total", "A.", "peer"));
        assertThrows(IllegalArgumentException.class, () -> m.counter("a_total", "A.", "node"));
        assertThrows(IllegalArgumentException.class, () -> m.counter("bad-name", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.counter("b_total", "x", "le"));
        assertThrows(IllegalArgumentException.class, () -> c.labels("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> c.labels("a").inc(-1));
        assertThrows(IllegalArgumentException.class, () -> m.histogram("h", "x", new double[] {1, 1}));
    }

    @Test
    void piotMetricsRegisterOnceUnderTheirDocumentedNames() {
        Metrics m = new Metrics();
        PiotMetrics a = PiotMetrics.register(m);
        PiotMetrics b = PiotMetrics.register(m);
        assertSame(a.holdingDepth(), b.holdingDepth());
        a.actions().labels("completed").inc();
        a.actionLatency().observe(0.2);
        String text = m.render();
        for (String name : new String[] {"piot_messages_in_total", "piot_messages_out_total", "piot_confirmations_total",
                "piot_retransmissions_total", "piot_holding_depth", "piot_holding_dropped_total", "piot_sessions_up",
                "piot_session_starts_total", "piot_session_ends_total", "piot_sensor_read_errors_total", "piot_actions_total",
                "piot_delivery_latency_seconds", "piot_action_latency_seconds", "piot_confirmation_rtt_seconds", "piot_event_latency_seconds",
                "piot_http_requests_total", "piot_http_sse_clients", "piot_http_sse_dropped_total"}) {
            assertEquals(true, text.contains("# TYPE " + name + " "), name);
        }
        assertEquals(true, text.contains("piot_actions_total{outcome=\"completed\"} 1\n"));
        assertEquals(true, text.contains("piot_action_latency_seconds_bucket{le=\"0.25\"} 1\n"));
    }
}
