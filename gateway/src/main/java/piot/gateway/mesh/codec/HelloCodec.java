package piot.gateway.mesh.codec;

/** Encodes and decodes {@link Hello} payloads. */
public final class HelloCodec {
    private HelloCodec() {}

    public static byte[] encode(Hello h) {
        return new PayloadWriter().i64(h.senderMillis()).toBytes();
    }

    public static Decoded<Hello> decode(byte[] payload) {
        PayloadReader r = new PayloadReader(payload);
        long millis = r.i64("hello time");
        r.expectEnd("hello");
        return r.error() == null ? Decoded.ok(new Hello(millis)) : Decoded.bad(r.error());
    }
}
