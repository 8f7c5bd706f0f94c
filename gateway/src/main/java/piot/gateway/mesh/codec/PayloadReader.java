package piot.gateway.mesh.codec;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Bounds-checked big-endian reads over a payload. A read past the end or an invalid string does
 * not throw: it records the first error and returns a zero value, and the decoder checks
 * {@link #error()} once at the end. Not thread-safe; one per decode call.
 */
final class PayloadReader {
    private final byte[] bytes;
    private int pos;
    private String error;

    PayloadReader(byte[] bytes) {
        this.bytes = bytes;
    }

    private boolean take(int n, String what) {
        if (error != null) {
            return false;
        }
        if (n < 0 || bytes.length - pos < n) {
            error = "truncated " + what;
            return false;
        }
        return true;
    }

    int u8(String what) {
        if (!take(1, what)) {
            return 0;
        }
        return bytes[pos++] & 0xFF;
    }

    int u16(String what) {
        if (!take(2, what)) {
            return 0;
        }
        int v = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32(String what) {
        if (!take(4, what)) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (bytes[pos++] & 0xFF);
        }
        return v;
    }

    long i64(String what) {
        if (!take(8, what)) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[pos++] & 0xFF);
        }
        return v;
    }

    byte[] bytes(int n, String what) {
        if (!take(n, what)) {
            return new byte[0];
        }
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A string written as u8 length + UTF-8 bytes; invalid UTF-8 is an error, not replaced. */
    String str8(String what) {
        int n = u8(what + " length");
        byte[] raw = bytes(n, what);
        if (error != null) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            error = "invalid UTF-8 in " + what;
            return "";
        }
    }

    void fail(String reason) {
        if (error == null) {
            error = reason;
        }
    }

    /** Marks trailing bytes as an error: every payload has an exact length. */
    void expectEnd(String what) {
        if (error == null && pos != bytes.length) {
            error = (bytes.length - pos) + " trailing bytes after " + what;
        }
    }

    String error() {
        return error;
    }
}
