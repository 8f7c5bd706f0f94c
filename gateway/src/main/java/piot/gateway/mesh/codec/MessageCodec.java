package piot.gateway.mesh.codec;

/** Maps frames to {@link MeshMessage}s and back; pure, never throws on input bytes. */
public final class MessageCodec {
    private MessageCodec() {}

    /** The whole frame (header, payload, checksum) for a message. */
    public static byte[] encode(MeshMessage m) {
        return switch (m) {
            case Handshake h -> FrameCodec.encode(FrameType.HANDSHAKE, HandshakeCodec.encode(h));
            case Hello h -> FrameCodec.encode(FrameType.HELLO, HelloCodec.encode(h));
            case Data d -> FrameCodec.encode(FrameType.DATA, DataCodec.encode(d));
            case Confirm c -> FrameCodec.encode(FrameType.CONFIRM, ConfirmCodec.encode(c));
            case Close c -> FrameCodec.encode(FrameType.CLOSE, CloseCodec.encode(c));
        };
    }

    public static Decoded<? extends MeshMessage> decode(Frame f) {
        return switch (f.type()) {
            case FrameType.HANDSHAKE -> HandshakeCodec.decode(f.payload());
            case FrameType.HELLO -> HelloCodec.decode(f.payload());
            case FrameType.DATA -> DataCodec.decode(f.payload());
            case FrameType.CONFIRM -> ConfirmCodec.decode(f.payload());
            case FrameType.CLOSE -> CloseCodec.decode(f.payload());
            default -> Decoded.bad("unknown frame type " + f.type());
        };
    }
}
