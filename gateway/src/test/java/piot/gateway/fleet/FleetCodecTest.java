package piot.gateway.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import piot.gateway.router.Parsed;

/** The fleet envelope bodies survive a round trip, and hostile bodies are malformed, never exceptions. */
class FleetCodecTest {
    private static final String SHA = "ab".repeat(32);

    @Test
    void aChunkAndAStatusRoundTrip() {
        var c = new FleetMessage.Chunk("t-1", FleetMessage.Kind.CONFIG, "site.yaml", 3, SHA, 0, 1, new byte[] {1, 2, 3}, new byte[] {9});
        var back = (FleetMessage.Chunk) ((Parsed.Ok<FleetMessage>) FleetCodec.decode("file-chunk", FleetCodec.encode(c))).value();
        assertEquals(c.transfer(), back.transfer());
        assertEquals(c.kind(), back.kind());
        assertArrayEquals(c.data(), back.data());
        assertArrayEquals(c.signature(), back.signature());
        var s = new FleetMessage.Status("t-1", 4, FleetMessage.State.ROLLED_BACK, "sensors not reading: air");
        assertEquals(s, ((Parsed.Ok<FleetMessage>) FleetCodec.decode("file-status", FleetCodec.encode(s))).value());
    }

    @Test
    void pathTraversalBadHashesAndJunkAreMalformed() {
        for (String body : new String[] {
                "{\"transfer\":\"t\",\"kind\":\"file\",\"name\":\"../../etc/passwd\",\"size\":1,\"sha256\":\"" + SHA + "\",\"index\":0,\"count\":1,\"data\":\"\",\"sig\":\"\"}",
                "{\"transfer\":\"t\",\"kind\":\"file\",\"name\":\"a\",\"size\":1,\"sha256\":\"xyz\",\"index\":0,\"count\":1,\"data\":\"\",\"sig\":\"\"}",
                "{\"transfer\":\"t\",\"kind\":\"file\",\"name\":\"a\",\"size\":1,\"sha256\":\"" + SHA + "\",\"index\":5,\"count\":1,\"data\":\"\",\"sig\":\"\"}",
                "{\"transfer\":\"../t\",\"kind\":\"file\"}", "[]", "not json", ""}) {
            var p = FleetCodec.decode("file-chunk", body.getBytes(StandardCharsets.UTF_8));
            assertInstanceOf(Parsed.Malformed.class, p, body);
        }
        assertInstanceOf(Parsed.Malformed.class, FleetCodec.decode("file-status", "{\"transfer\":\"t\",\"received\":1,\"state\":\"weird\",\"detail\":\"\"}".getBytes(StandardCharsets.UTF_8)));
        assertInstanceOf(Parsed.Malformed.class, FleetCodec.decode("event", new byte[0]));
        assertTrue(FleetCodec.TYPES.contains("file-chunk"));
    }

    @Test
    void debianVersionedNamesArePlainAndEveryWayOutOfTheDirectoryIsNot() {
        for (String ok : new String[] {"piot_0.1.0+r2.deb", "piot_1.0~rc1.deb", "site.yaml", "a", "x".repeat(128)}) {
            assertTrue(FleetCodec.plainName(ok), ok);
            var c = new FleetMessage.Chunk("t-1", FleetMessage.Kind.RELEASE, ok, 3, SHA, 0, 1, new byte[] {1, 2, 3}, new byte[] {9});
            assertInstanceOf(Parsed.Ok.class, FleetCodec.decode("file-chunk", FleetCodec.encode(c)), ok);
        }
        for (String bad : new String[] {"", ".", "..", ".hidden", "../x", "a/b", "a\\b", "/etc/passwd", "a b", "a\u0000b", "x".repeat(129), "é.deb"}) {
            assertTrue(!FleetCodec.plainName(bad), bad);
            var c = new FleetMessage.Chunk("t-1", FleetMessage.Kind.RELEASE, bad, 3, SHA, 0, 1, new byte[] {1, 2, 3}, new byte[] {9});
            assertInstanceOf(Parsed.Malformed.class, FleetCodec.decode("file-chunk", FleetCodec.encode(c)), bad);
        }
    }
}
