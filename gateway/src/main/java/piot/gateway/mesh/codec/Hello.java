package piot.gateway.mesh.codec;

/**
 * Heartbeat. Payload (8 bytes): the sender's monotonic milliseconds (i64), informational only;
 * any frame counts as a sign of life, HELLO exists so an idle session still has one.
 */
public record Hello(long senderMillis) implements MeshMessage {}
