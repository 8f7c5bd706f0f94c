package piot.gateway.mesh.codec;

/** Encodes and decodes {@link Confirm} payloads. */
public final class ConfirmCodec {
    private ConfirmCodec() {}

    public static byte[] encode(Confirm c) {
        return new PayloadWriter().i64(c.seq()).u32(c.length()).i64(c.hash()).toBytes();
    }

    public static Decoded<Confirm> decode(byte[] payload) {
        PayloadReader r = new PayloadReader(payload);
        long seq = r.i64("seq");
        long length = r.u32("length");
        long hash = r.i64("hash");
        r.expectEnd("confirm");
        if (r.error() == null && seq <= 0) {
            r.fail("confirm of non-positive seq " + seq);
        }
        return r.error() == null ? Decoded.ok(new Confirm(seq, length, hash)) : Decoded.bad(r.error());
    }
}
