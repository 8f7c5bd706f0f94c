package piot.gateway.mesh.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Big-endian writes for encoders; the counterpart of {@link PayloadReader}. */
final class PayloadWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    PayloadWriter u8(int v) {
        out.write(v);
        return this;
    }

    PayloadWriter u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    PayloadWriter u32(long v) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    PayloadWriter i64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    PayloadWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** u8 length + UTF-8; callers validate lengths, this refuses what would not round-trip. */
    PayloadWriter str8(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        if (raw.length > 255) {
            throw new IllegalArgumentException("string longer than 255 UTF-8 bytes: " + s.length() + " chars");
        }
        out.write(raw.length);
        out.writeBytes(raw);
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
