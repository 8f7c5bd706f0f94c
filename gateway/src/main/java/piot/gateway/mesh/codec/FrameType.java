package piot.gateway.mesh.codec;

/** Frame type bytes of protocol version 1. */
public final class FrameType {
    public static final int HANDSHAKE = 1;
    public static final int HELLO = 2;
    public static final int DATA = 3;
    public static final int CONFIRM = 4;
    public static final int CLOSE = 5;

    private FrameType() {}
}
