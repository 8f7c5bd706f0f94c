package piot.gateway.mesh.codec;

/** The last frame of a session. Payload: u8 reason code ({@link CloseReason}), str detail (u8 length + UTF-8). */
public record Close(CloseReason reason, String detail) implements MeshMessage {}
