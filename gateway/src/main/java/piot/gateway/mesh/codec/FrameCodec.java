package piot.gateway.mesh.codec;

import java.util.zip.CRC32C;

/**
 * Session framing. Every frame on a session stream is:
 * <pre>
 * offset size  field
 * 0      2     magic 0x50 0x4D ("PM")
 * 2      1     frame format version (1)
 * 3      1     type (see {@link FrameType})
 * 4      4     payload length, u32 big-endian, at most the receiver's maximum
 * 8      n     payload
 * 8+n    4     CRC32C of bytes 0 .. 8+n-1, big-endian
 * </pre>
 * The length is checked against the maximum before any payload is buffered. {@link #decode} is
 * pure: it never throws, logs or does I/O.
 */
public final class FrameCodec {
    public static final int MAGIC0 = 0x50;
    public static final int MAGIC1 = 0x4D;
    public static final int VERSION = 1;
    public static final int HEADER = 8;
    public static final int TRAILER = 4;
    /** Default largest payload a node accepts: 1 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD = 1 << 20;

    private FrameCodec() {}

    /** The frame bytes for one payload. */
    public static byte[] encode(int type, byte[] payload) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("frame type out of range: " + type);
        }
        byte[] out = new byte[HEADER + payload.length + TRAILER];
        out[0] = (byte) MAGIC0;
        out[1] = (byte) MAGIC1;
        out[2] = (byte) VERSION;
        out[3] = (byte) type;
        putU32(out, 4, payload.length);
        System.arraycopy(payload, 0, out, HEADER, payload.length);
        CRC32C crc = new CRC32C();
        crc.update(out, 0, HEADER + payload.length);
        putU32(out, HEADER + payload.length, crc.getValue());
        return out;
    }

    /**
     * Looks for one frame in {@code buf[off .. off+len)}. Returns need-more on any proper prefix of
     * a valid frame, malformed as soon as the header proves the stream bad.
     */
    public static FrameResult decode(byte[] buf, int off, int len, int maxPayload) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            return new FrameResult.Malformed("buffer bounds out of range");
        }
        if (len >= 1 && (buf[off] & 0xFF) != MAGIC0 || len >= 2 && (buf[off + 1] & 0xFF) != MAGIC1) {
            return new FrameResult.Malformed("bad frame magic");
        }
        if (len >= 3 && (buf[off + 2] & 0xFF) != VERSION) {
            return new FrameResult.Malformed("unsupported frame version " + (buf[off + 2] & 0xFF));
        }
        if (len < HEADER) {
            return new FrameResult.NeedMore(HEADER);
        }
        long length = getU32(buf, off + 4);
        if (length > maxPayload) {
            return new FrameResult.Malformed("frame of " + length + " bytes exceeds maximum " + maxPayload);
        }
        int total = HEADER + (int) length + TRAILER;
        if (len < total) {
            return new FrameResult.NeedMore(total);
        }
        CRC32C crc = new CRC32C();
        crc.update(buf, off, HEADER + (int) length);
        if (crc.getValue() != getU32(buf, off + HEADER + (int) length)) {
            return new FrameResult.Malformed("frame checksum mismatch");
        }
        byte[] payload = new byte[(int) length];
        System.arraycopy(buf, off + HEADER, payload, 0, payload.length);
        return new FrameResult.Complete(new Frame(buf[off + 3] & 0xFF, payload), total);
    }

    private static void putU32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static long getU32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
