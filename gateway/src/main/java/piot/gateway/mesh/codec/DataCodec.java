package piot.gateway.mesh.codec;

/** Encodes and decodes {@link Data} payloads. */
public final class DataCodec {
    private DataCodec() {}

    public static byte[] encode(Data d) {
        return new PayloadWriter().i64(d.seq()).i64(d.prevSeq()).bytes(d.envelope()).toBytes();
    }

    public static Decoded<Data> decode(byte[] payload) {
        PayloadReader r = new PayloadReader(payload);
        long seq = r.i64("seq");
        long prev = r.i64("prev seq");
        byte[] env = r.bytes(Math.max(0, payload.length - 16), "envelope");
        if (r.error() == null && (seq <= 0 || prev < 0 || prev >= seq)) {
            r.fail("bad sequence numbers seq=" + seq + " prevSeq=" + prev);
        }
        return r.error() == null ? Decoded.ok(new Data(seq, prev, env)) : Decoded.bad(r.error());
    }
}
