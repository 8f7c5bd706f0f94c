package piot.gateway.mesh.codec;

import java.util.UUID;

/**
 * The envelope's bytes, which are what holding stores and what the confirmation hash covers:
 * <pre>
 * u8  version (1)
 * 16  id (UUID, most then least significant 64 bits)
 * str type, str source, str destination      (u8 length + UTF-8)
 * u8  hopLimit
 * i64 created, i64 expiry (wall ms, 0 = none), i64 sourceSeq
 * u32 body length, body
 * </pre>
 */
public final class EnvelopeCodec {
    public static final int VERSION = 1;

    private EnvelopeCodec() {}

    public static byte[] encode(Envelope e) {
        return new PayloadWriter().u8(VERSION)
                .i64(e.id().getMostSignificantBits()).i64(e.id().getLeastSignificantBits())
                .str8(e.type()).str8(e.source()).str8(e.destination()).u8(e.hopLimit())
                .i64(e.created()).i64(e.expiryMillis()).i64(e.sourceSeq())
                .u32(e.body().length).bytes(e.body()).toBytes();
    }

    /** The type of an encoded envelope without decoding the rest (for metrics); "malformed" when it cannot be read. */
    public static String peekType(byte[] bytes) {
        int at = 1 + 16;
        if (bytes.length <= at || (bytes[0] & 0xff) != VERSION) {
            return "malformed";
        }
        int n = bytes[at] & 0xff;
        return bytes.length < at + 1 + n ? "malformed" : new String(bytes, at + 1, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Decoded<Envelope> decode(byte[] bytes) {
        PayloadReader r = new PayloadReader(bytes);
        int version = r.u8("envelope version");
        if (r.error() == null && version != VERSION) {
            return Decoded.bad("unsupported envelope version " + version);
        }
        UUID id = new UUID(r.i64("id"), r.i64("id"));
        String type = r.str8("type");
        String source = r.str8("source");
        String destination = r.str8("destination");
        int hops = r.u8("hop limit");
        long created = r.i64("created");
        long expiry = r.i64("expiry");
        long sourceSeq = r.i64("source seq");
        long bodyLength = r.u32("body length");
        byte[] body = bodyLength > bytes.length ? new byte[0] : r.bytes((int) bodyLength, "body");
        if (bodyLength > bytes.length) {
            r.fail("truncated body");
        }
        r.expectEnd("envelope");
        return r.error() == null
                ? Decoded.ok(new Envelope(id, type, source, destination, hops, created, expiry, sourceSeq, body))
                : Decoded.bad(r.error());
    }
}
