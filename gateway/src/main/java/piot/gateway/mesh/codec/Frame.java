package piot.gateway.mesh.codec;

import java.util.Arrays;

/**
 * One frame as read off a session stream: its type byte and its payload (already checked against
 * the frame checksum). See {@link FrameCodec} for the byte layout.
 */
public record Frame(int type, byte[] payload) {
    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.type == type && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Frame[type=" + type + ", " + payload.length + " bytes]";
    }
}
