package piot.gateway.mesh.codec;

/**
 * The receiver's confirmation of the message with link sequence {@code seq}: it was accepted (it
 * is durable on the receiver), and everything before it on this link too. Payload: i64 seq, u32
 * length of the envelope bytes received, i64 hash = the first 8 bytes of SHA-256 over those bytes
 * (big-endian, see {@link MessageHash}).
 */
public record Confirm(long seq, long length, long hash) implements MeshMessage {}
