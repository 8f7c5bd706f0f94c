package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.router.RouterMessage.RoutingUpdate;
import piot.gateway.router.RouterMessage.RpcReply;
import piot.gateway.router.RouterMessage.RpcRequest;

/** Whatever the encoder writes, the decoder reads back as the same message. */
class RouterCodecProperties {

    @Property(tries = 300)
    void everyEncodedMessageDecodesToItself(@ForAll("messages") RouterMessage m) {
        assertEquals(Parsed.ok(m), RouterCodec.decode(m.type(), RouterCodec.encode(m)));
    }

    @Provide
    Arbitrary<RouterMessage> messages() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().withChars('-', ':').ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(60);
        Arbitrary<Long> ts = Arbitraries.longs();
        Arbitrary<Double> value = Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.just(Double.NaN));
        Arbitrary<RouterMessage> event = Combinators.combine(name, name, value, text, ts, Arbitraries.of(true, false),
                text.optional()).as((t, k, v, u, w, h, err) ->
                new EventMessage(t, k, v, u.length() > 32 ? u.substring(0, 32) : u, w, h, err));
        Arbitrary<RouterMessage> action = Combinators.combine(id, name, name, name, name, text, ts)
                .as(ActionRequest::new);
        Arbitrary<RouterMessage> status = Combinators.combine(id, name, name, name,
                Arbitraries.of(ActionStatus.Status.class), text, ts).as(ActionStatus::new);
        Arbitrary<RouterMessage> rpc = Combinators.combine(id, name, text.list().ofMaxSize(5))
                .as(RpcRequest::new);
        Arbitrary<RouterMessage> reply = Combinators.combine(id, Arbitraries.of(true, false), text, text)
                .as((c, ok, r, e) -> new RpcReply(c, ok, JsonNodeFactory.instance.objectNode().put("r", r), e));
        Arbitrary<RouterMessage> routing = Arbitraries.maps(name, Arbitraries.integers().between(0, 16)).ofMaxSize(8)
                .map(m -> new RoutingUpdate(Map.copyOf(m)));
        Arbitrary<RouterMessage> join = Arbitraries.of("#", "+/air/+", "a/#", "a/b/c").map(RouterMessage.Subscribe::new);
        Arbitrary<RouterMessage> things = Combinators.combine(name, name, name, name.list().ofMaxSize(3))
                .as((n, t, ty, keys) -> new RouterMessage.ThingDescriptionsMessage(List.of(new ThingInfo(n, t, ty,
                        keys.stream().map(k -> new ThingInfo.Key(k, "%")).toList(),
                        List.of(new ThingInfo.Action("set", "number", 0, 1))))));
        return Arbitraries.oneOf(event, action, status, rpc, reply, routing, join, things);
    }

    @Property(tries = 50)
    void anOptionalErrorSurvives(@ForAll("texts") String err) {
        var e = new EventMessage("a", "b", 1, "", 0, true, Optional.of(err));
        assertEquals(Parsed.ok(e), RouterCodec.decode("event", RouterCodec.encode(e)));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().ofMaxLength(200);
    }
}
