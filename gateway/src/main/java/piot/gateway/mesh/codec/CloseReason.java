package piot.gateway.mesh.codec;

/** Why a session ended; the code is what travels in a CLOSE frame. Unknown codes read as UNKNOWN. */
public enum CloseReason {
    UNKNOWN(0),
    SHUTDOWN(1),
    DUPLICATE_SESSION(2),
    HEARTBEAT_TIMEOUT(3),
    PROTOCOL_ERROR(4),
    FRAME_TOO_LARGE(5),
    WRONG_NETWORK(6),
    NAME_MISMATCH(7),
    UNSUPPORTED_VERSION(8),
    DENIED(9),
    UNEXPECTED_PEER(10),
    HANDSHAKE_TIMEOUT(11),
    CONNECTION_LOST(12);

    private final int code;

    CloseReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static CloseReason of(int code) {
        for (CloseReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return UNKNOWN;
    }
}
