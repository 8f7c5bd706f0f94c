package piot.gateway.mesh;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import piot.gateway.mesh.codec.FrameCodec;
import piot.gateway.mesh.codec.FrameResult;

/**
 * Reads frames off a stream. The buffer grows only to the size a checked header declared, so a
 * peer cannot make us allocate more than the maximum frame. Owned by one thread at a time.
 */
final class FrameReader {
    private final InputStream in;
    private final int maxPayload;
    private byte[] buf = new byte[4096];
    private int start;
    private int end;

    FrameReader(InputStream in, int maxPayload) {
        this.in = in;
        this.maxPayload = maxPayload;
    }

    /** The next complete frame or malformed result; EOF and socket errors are thrown. */
    FrameResult next() throws IOException {
        for (int guard = 0; guard < Integer.MAX_VALUE; guard++) {
            FrameResult r = FrameCodec.decode(buf, start, end - start, maxPayload);
            switch (r) {
                case FrameResult.Complete c -> {
                    start += c.consumed();
                    return c;
                }
                case FrameResult.Malformed m -> {
                    return m;
                }
                case FrameResult.NeedMore n -> fill(n.atLeast());
            }
        }
        throw new IOException("unreachable");
    }

    private void fill(int atLeast) throws IOException {
        if (buf.length - start < atLeast || end == buf.length) {
            int limit = FrameCodec.HEADER + maxPayload + FrameCodec.TRAILER;
            byte[] target = buf.length >= atLeast ? buf : new byte[Math.max(atLeast, Math.min(buf.length * 2, limit))];
            System.arraycopy(buf, start, target, 0, end - start);
            end -= start;
            start = 0;
            buf = target;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            throw new EOFException("connection closed by peer");
        }
        end += n;
    }
}
