package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.router.RouterMessage.RpcReply;
import piot.gateway.router.RouterMessage.RpcRequest;

class RpcDispatcherTest {
    private final Directory directory = new Directory();
    private final RpcDispatcher rpc = new RpcDispatcher("barn-1", directory, () -> List.of("shed", "house-1"));

    @Test
    void builtInsListPeersAndFunctions() {
        assertEquals("[\"house-1\",\"shed\"]", rpc.handle("x", new RpcRequest("c", "get_peers", List.of())).result().toString());
        rpc.register("reboot", (caller, args) -> Parsed.ok(IntNode.valueOf(0)));
        assertEquals("[\"get_funcs\",\"get_peers\",\"read\",\"reboot\"]",
                rpc.handle("x", new RpcRequest("c", "get_funcs", List.of())).result().toString());
    }

    @Test
    void readReturnsThisNodesCurrentValuesByDefault() {
        directory.onEvent("barn-1", new EventMessage("air", "temperature", 21.5, "°C", 7, false, Optional.empty()));
        directory.onEvent("shed", new EventMessage("air", "temperature", 9, "°C", 7, false, Optional.empty()));
        RpcReply r = rpc.handle("x", new RpcRequest("c", "read", List.of()));
        assertTrue(r.ok());
        assertEquals("[{\"node\":\"barn-1\",\"thing\":\"air\",\"key\":\"temperature\",\"value\":21.5,\"unit\":\"°C\",\"ts\":7}]",
                r.result().toString());
        assertEquals(2, rpc.handle("x", new RpcRequest("c", "read", List.of("#"))).result().size());
    }

    @Test
    void badCallsGetCodedErrors() {
        assertTrue(rpc.handle("x", new RpcRequest("c", "nope", List.of())).error().startsWith("unknown-function: nope"));
        assertTrue(rpc.handle("x", new RpcRequest("c", "read", List.of("a/#/b"))).error().startsWith("bad-args: pattern"));
        rpc.register("boom", (caller, args) -> {
            throw new IllegalStateException("relay stuck");
        });
        assertEquals("failed: java.lang.IllegalStateException: relay stuck",
                rpc.handle("x", new RpcRequest("c", "boom", List.of())).error());
        assertEquals(Optional.of("function read is built in"), rpc.register("read", (c, a) -> Parsed.ok(IntNode.valueOf(1))));
        assertTrue(rpc.register("Bad Name", (c, a) -> Parsed.ok(IntNode.valueOf(1))).orElseThrow().contains("is not a name"));
    }

    @Test
    void aCallToEveryNodeRunsLocallySendsToReachableOnesAndAnswersTheRestNotConnectedAtOnce() {
        Targets all = Targets.parse("*").orThrow();
        RpcDispatcher.Plan plan = rpc.call(all, "c1", "get_funcs", List.of(), Set.of("shed", "house-1", "far"),
                node -> !node.equals("far"));
        assertEquals(List.of(new Outgoing("house-1", new RpcRequest("c1", "get_funcs", List.of())),
                new Outgoing("shed", new RpcRequest("c1", "get_funcs", List.of()))), plan.send());
        assertEquals(Set.of("barn-1", "far"), plan.immediate().keySet());
        assertTrue(plan.immediate().get("barn-1").ok());
        assertEquals(RpcReply.failure("c1", "not-connected: far is not reachable now"), plan.immediate().get("far"));
    }

    @Test
    void targetsParseOneAListOrStar() {
        assertEquals(new Targets.One("shed"), Targets.parse("shed").orThrow());
        assertEquals(new Targets.Several(List.of("shed", "house-1")), Targets.parse("shed, house-1,shed").orThrow());
        assertInstanceOf(Targets.All.class, Targets.parse("*").orThrow());
        assertTrue(assertInstanceOf(Parsed.Malformed.class, Targets.parse("shed,*")).reason().contains("is not a name"));
        assertInstanceOf(Parsed.Malformed.class, Targets.parse(""));
    }

    @Test
    void eachTargetGetsExactlyOneAnswerItsReplyOrATimeout() {
        PendingCalls pending = new PendingCalls();
        pending.expect("c1", "shed", 1_000);
        pending.expect("c1", "house-1", 1_000);
        RpcReply fromShed = RpcReply.success("c1", IntNode.valueOf(1));
        assertEquals(Optional.of(new PendingCalls.Answer("shed", fromShed)), pending.onReply("shed", fromShed));
        assertFalse(pending.onReply("shed", fromShed).isPresent(), "a duplicate reply is dropped");
        assertFalse(pending.onReply("intruder", fromShed).isPresent());
        assertEquals(List.of(), pending.expire(999));
        assertEquals(List.of(new PendingCalls.Answer("house-1", RpcReply.failure("c1", "timeout: no reply from house-1"))),
                pending.expire(1_000));
        assertEquals(0, pending.size());
        assertEquals(2, pending.unexpected());
    }
}
