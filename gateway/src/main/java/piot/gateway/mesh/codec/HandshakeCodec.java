package piot.gateway.mesh.codec;

import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes {@link Handshake} payloads. */
public final class HandshakeCodec {
    private HandshakeCodec() {}

    public static byte[] encode(Handshake h) {
        PayloadWriter w = new PayloadWriter()
                .u8(h.minVersion()).u8(h.maxVersion()).str8(h.node()).str8(h.network()).u16(h.listenPort());
        if (h.capabilities().size() > 255) {
            throw new IllegalArgumentException("more than 255 capabilities");
        }
        w.u8(h.capabilities().size());
        h.capabilities().forEach(w::str8);
        return w.u8(h.inheritState() ? 1 : 0).i64(h.watermark()).i64(h.lastAssigned()).toBytes();
    }

    public static Decoded<Handshake> decode(byte[] payload) {
        PayloadReader r = new PayloadReader(payload);
        int min = r.u8("min version");
        int max = r.u8("max version");
        String node = r.str8("node");
        String network = r.str8("network");
        int port = r.u16("listen port");
        int n = r.u8("capability count");
        List<String> caps = new ArrayList<>(n);
        for (int i = 0; i < n && r.error() == null; i++) {
            caps.add(r.str8("capability"));
        }
        int inherit = r.u8("inherit state");
        long watermark = r.i64("watermark");
        long lastAssigned = r.i64("last assigned");
        r.expectEnd("handshake");
        if (r.error() == null) {
            if (min > max) {
                r.fail("min version " + min + " above max version " + max);
            } else if (inherit > 1) {
                r.fail("inherit state must be 0 or 1");
            } else if (watermark < 0 || lastAssigned < 0) {
                r.fail("negative sequence number");
            } else if (node.isEmpty() || network.isEmpty()) {
                r.fail("empty node or network name");
            }
        }
        return r.error() == null
                ? Decoded.ok(new Handshake(min, max, node, network, port, caps, inherit == 1, watermark, lastAssigned))
                : Decoded.bad(r.error());
    }
}
