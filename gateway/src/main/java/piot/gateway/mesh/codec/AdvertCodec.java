package piot.gateway.mesh.codec;

/**
 * Discovery datagrams:
 * <pre>
 * 4   magic "PIAD" (0x50 0x49 0x41 0x44)
 * u8  advert format version (1)
 * str network, str node          (u8 length + UTF-8)
 * u16 session port (1..65535)
 * u8  highest protocol version spoken
 * </pre>
 * Anything else (other magic or version, trailing bytes) is refused.
 */
public final class AdvertCodec {
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {0x50, 0x49, 0x41, 0x44};

    private AdvertCodec() {}

    public static byte[] encode(Advert a) {
        return new PayloadWriter().bytes(MAGIC).u8(VERSION).str8(a.network()).str8(a.node()).u16(a.port())
                .u8(a.protocolVersion()).toBytes();
    }

    public static Decoded<Advert> decode(byte[] bytes) {
        PayloadReader r = new PayloadReader(bytes);
        byte[] magic = r.bytes(4, "magic");
        if (r.error() == null && !java.util.Arrays.equals(magic, MAGIC)) {
            return Decoded.bad("bad advert magic");
        }
        int version = r.u8("version");
        if (r.error() == null && version != VERSION) {
            return Decoded.bad("unsupported advert version " + version);
        }
        String network = r.str8("network");
        String node = r.str8("node");
        int port = r.u16("port");
        int proto = r.u8("protocol version");
        r.expectEnd("advert");
        if (r.error() == null && (port == 0 || node.isEmpty() || network.isEmpty())) {
            r.fail("advert without node, network or port");
        }
        return r.error() == null ? Decoded.ok(new Advert(network, node, port, proto)) : Decoded.bad(r.error());
    }
}
