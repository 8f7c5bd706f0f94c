package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.router.RouterMessage.RoutingUpdate;
import piot.gateway.router.RouterMessage.RpcReply;
import piot.gateway.router.RouterMessage.RpcRequest;
import piot.gateway.router.RouterMessage.Subscribe;
import piot.gateway.router.RouterMessage.ThingDescriptionsMessage;

class RouterCodecTest {

    private static Parsed<RouterMessage> decode(String type, String json) {
        return RouterCodec.decode(type, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(Parsed<RouterMessage> p) {
        return assertInstanceOf(Parsed.Malformed.class, p).reason();
    }

    @Test
    void anEventIsCompactJsonWithTheDocumentedFieldNames() {
        var e = new EventMessage("air", "temperature", 21.5, "°C", 1_700_000_000_123L, false, Optional.empty());
        assertEquals("{\"thing\":\"air\",\"key\":\"temperature\",\"value\":21.5,\"unit\":\"°C\",\"ts\":1700000000123,\"historical\":false}",
                new String(RouterCodec.encode(e), StandardCharsets.UTF_8));
    }

    @Test
    void aFaultEventWithoutAValueRoundTripsAsNaN() {
        var e = new EventMessage("air", "temperature", Double.NaN, "°C", 5, false, Optional.of("i2c nack at 0x76"));
        assertEquals(Parsed.ok(e), RouterCodec.decode("event", RouterCodec.encode(e)));
    }

    @Test
    void everyTypeRoundTrips() {
        List<RouterMessage> all = List.of(
                new ActionRequest("r-1", "controller-1", "barn-1", "pump", "set", "on", 99),
                new ActionStatus("r-1", "barn-1", "pump", "set", ActionStatus.Status.FAILED, "not authorized", 7),
                new RpcRequest("c1", "read", List.of("barn-1/#")),
                RpcReply.success("c1", JsonNodeFactory.instance.arrayNode().add("a")),
                RpcReply.failure("c2", "not-connected: barn-1"),
                new Subscribe("+/air/#"),
                new RouterMessage.Unsubscribe("#"),
                new RoutingUpdate(Map.of("a", 0, "b", 16)),
                new ThingDescriptionsMessage(List.of(new ThingInfo("barn-1", "pump", "gpio-output",
                        List.of(new ThingInfo.Key("level", "")),
                        List.of(new ThingInfo.Action("set", "boolean", Double.NaN, Double.NaN))))));
        for (RouterMessage m : all) {
            assertEquals(Parsed.ok(m), RouterCodec.decode(m.type(), RouterCodec.encode(m)), m.type());
        }
        assertEquals(RouterCodec.TYPES.size(), all.stream().map(RouterMessage::type).distinct().count() + 1);
    }

    @Test
    void anActionValueMayBeAnyJsonScalarAndIsKeptAsText() {
        var p = decode("action", "{\"id\":\"r\",\"requester\":\"a\",\"node\":\"b\",\"thing\":\"fan\",\"action\":\"set\",\"value\":0.5,\"expiry\":1}");
        assertEquals("0.5", ((ActionRequest) p.orThrow()).value());
        var none = decode("action", "{\"id\":\"r\",\"requester\":\"a\",\"node\":\"b\",\"thing\":\"fan\",\"action\":\"off\",\"value\":null,\"expiry\":1}");
        assertEquals("", ((ActionRequest) none.orThrow()).value());
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        assertEquals(Parsed.ok(new Subscribe("#")), decode("join", "{\"pattern\":\"#\",\"since\":3}"));
    }

    @Test
    void badInputIsMalformedWithAReasonThatNamesTheProblem() {
        assertTrue(reason(decode("nope", "{}")).contains("unknown message type 'nope'"));
        assertTrue(reason(decode("event", "{")).startsWith("event: not valid JSON"));
        assertTrue(reason(decode("event", "[]")).contains("must be a JSON object"));
        assertTrue(reason(decode("join", "{}")).contains("missing field 'pattern'"));
        assertTrue(reason(decode("join", "{\"pattern\":\"a/#/b\"}")).contains("'#' is allowed only as the last level"));
        assertTrue(reason(decode("action-status", "{\"id\":\"r\",\"node\":\"b\",\"thing\":\"t\",\"action\":\"a\",\"status\":\"refused\",\"detail\":\"\",\"ts\":1}"))
                .contains("status 'refused' is not one of pending, delivered, completed, failed, expired"));
        assertTrue(reason(decode("routing", "{\"routes\":{\"a\":17}}")).contains("0..16"));
        assertTrue(reason(decode("event", "{\"thing\":\"Air\",\"key\":\"t\",\"value\":1,\"unit\":\"\",\"ts\":1,\"historical\":false}"))
                .contains("field 'thing' = 'Air' is not a name"));
        assertTrue(reason(decode("rpc", "{\"call\":\"c\",\"function\":\"read\",\"args\":[1]}")).contains("'args' must hold strings"));
        assertTrue(reason(decode("join", "{\"pattern\":\"#\",\"pattern\":\"#\"}")).contains("not valid JSON"));
        assertTrue(reason(RouterCodec.decode("event", null)).contains("body missing"));
    }
}
