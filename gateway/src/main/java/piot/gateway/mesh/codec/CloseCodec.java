package piot.gateway.mesh.codec;

import java.nio.charset.StandardCharsets;

/** Encodes and decodes {@link Close} payloads. */
public final class CloseCodec {
    private CloseCodec() {}

    public static byte[] encode(Close c) {
        return new PayloadWriter().u8(c.reason().code()).str8(truncate(c.detail())).toBytes();
    }

    public static Decoded<Close> decode(byte[] payload) {
        PayloadReader r = new PayloadReader(payload);
        int code = r.u8("reason");
        String detail = r.str8("detail");
        r.expectEnd("close");
        return r.error() == null ? Decoded.ok(new Close(CloseReason.of(code), detail)) : Decoded.bad(r.error());
    }

    private static String truncate(String s) {
        String t = s;
        while (t.getBytes(StandardCharsets.UTF_8).length > 255) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
