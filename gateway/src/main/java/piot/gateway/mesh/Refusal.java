package piot.gateway.mesh;

/**
 * A connection the node refused: when (wall ms), from/to where, why (a sentence starting with the
 * close reason), and the short {@code kind} it is counted under (metric label
 * {@code piot_mesh_refused_total{reason}}): a lower-case {@link piot.gateway.mesh.codec.CloseReason}
 * name, or for TLS refusals one of {@code no_certificate}, {@code untrusted}, {@code expired},
 * {@code revoked}, {@code tls}, or {@code handshake_slots} for a source over its handshake limit.
 */
public record Refusal(long wallMillis, String remote, String reason, String kind) {}
