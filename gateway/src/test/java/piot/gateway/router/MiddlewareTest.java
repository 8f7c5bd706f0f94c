package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.router.RouterMessage.RpcReply;
import piot.gateway.router.RouterMessage.RpcRequest;
import piot.gateway.router.RouterMessage.Subscribe;
import piot.time.ManualClock;

class MiddlewareTest {
    private final ManualClock clock = new ManualClock(0, 1_763_800_000_000L);
    private final Authorizer auth = new Authorizer("barn-1", Map.of("pump", Set.of("controller-1")),
            Optional.of(Set.of("controller-1", "viewer")));

    private static ActionRequest act(String node, String thing) {
        return new ActionRequest("r", "x", node, thing, "set", "on", Long.MAX_VALUE);
    }

    private static EventMessage event() {
        return new EventMessage("air", "t", 1, "", 0, false, Optional.empty());
    }

    @Test
    void onlyAllowedNodesMayActuateAnActuatorWithAnAllowList() {
        assertEquals(Verdict.ACCEPT, auth.check(new Inbound("controller-1", "controller-1", act("barn-1", "pump")), 0));
        assertEquals(new Verdict.Refuse("not-authorized", "not authorized: node intruder may not actuate pump"),
                auth.check(new Inbound("controller-1", "intruder", act("barn-1", "pump")), 0));
    }

    @Test
    void anActuatorWithoutAnAllowListAcceptsEveryNodeAndRelaysDoNotJudge() {
        assertEquals(Verdict.ACCEPT, auth.check(new Inbound("a", "anyone", act("barn-1", "fan")), 0));
        assertEquals(Verdict.ACCEPT, auth.check(new Inbound("a", "anyone", act("house-1", "pump")), 0));
    }

    @Test
    void readRulesCoverReadCallsAndSubscriptions() {
        assertEquals(Verdict.ACCEPT, auth.check(new Inbound("viewer", "viewer", new RpcRequest("c", "read", List.of())), 0));
        assertInstanceOf(Verdict.Refuse.class, auth.check(new Inbound("o", "other", new RpcRequest("c", "read", List.of())), 0));
        assertInstanceOf(Verdict.Refuse.class, auth.check(new Inbound("o", "other", new Subscribe("#")), 0));
        assertEquals(Verdict.ACCEPT, auth.check(new Inbound("o", "other", new RpcRequest("c", "get_peers", List.of())), 0));
    }

    @Test
    void theRateLimiterLetsABurstThroughThenTheSustainedRate() {
        RateLimiter limiter = new RateLimiter("barn-1", 2, 3);
        Inbound in = new Inbound("relay", "chatty", act("barn-1", "pump"));
        for (int i = 0; i < 3; i++) {
            assertEquals(Verdict.ACCEPT, limiter.check(in, clock.nanoTime()));
        }
        Verdict v = limiter.check(in, clock.nanoTime());
        assertEquals(new Verdict.Refuse("rate-limited", "rate limited: node chatty sends more than 2/s (burst 3)"), v);
        assertEquals(Verdict.ACCEPT, limiter.check(new Inbound("relay", "quiet", act("barn-1", "pump")), clock.nanoTime()),
                "buckets are per originating node, not per neighbour");
        clock.advanceMillis(500);
        assertEquals(Verdict.ACCEPT, limiter.check(in, clock.nanoTime()));
        assertInstanceOf(Verdict.Refuse.class, limiter.check(in, clock.nanoTime()));
        assertEquals(2, limiter.refused());
    }

    /**
     * Events are never limited: one reaching the router is already in this node's custody (on disk,
     * confirmed to the previous hop), so refusing it would lose an accepted reading — e.g. the held
     * backlog of an hour-long outage arriving at once.
     */
    @Test
    void controlTrafficEventsAndOwnMessagesAreNeverLimited() {
        RateLimiter limiter = new RateLimiter("barn-1", 1, 1);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Verdict.ACCEPT, limiter.check(new Inbound("a", "a", new Subscribe("#")), 0));
            assertEquals(Verdict.ACCEPT, limiter.check(new Inbound("barn-1", "barn-1", event()), 0));
            assertEquals(Verdict.ACCEPT, limiter.check(new Inbound("relay", "chatty", event()), 0));
        }
        assertEquals(0, limiter.refused());
    }

    @Test
    void theChainStopsAtTheFirstRefusalAndRefusedRpcGetsAnErrorReply() {
        LoggingMiddleware log = new LoggingMiddleware();
        RateLimiter limiter = new RateLimiter("barn-1", 1, 2); // the refused read still spends a token
        MiddlewareChain chain = new MiddlewareChain(List.of(log, limiter, auth));
        Inbound rpc = new Inbound("other", "other", new RpcRequest("c9", "read", List.of()));
        Verdict v = chain.check(rpc, 0);
        var refuse = assertInstanceOf(Verdict.Refuse.class, v);
        assertEquals(Optional.of(RpcReply.failure("c9", "not-authorized: not authorized: node other may not read barn-1")),
                chain.refusalReply(rpc, refuse, 0));
        Inbound ev = new Inbound("other", "other", event());
        assertEquals(Verdict.ACCEPT, chain.check(ev, 0));
        assertEquals(Verdict.ACCEPT, chain.check(ev, 0), "events spend no tokens");
        Inbound rpc2 = new Inbound("other", "other", new RpcRequest("c10", "read", List.of()));
        assertInstanceOf(Verdict.Refuse.class, chain.check(rpc2, 0)); // the limiter's last token, then authorization
        var limited = assertInstanceOf(Verdict.Refuse.class, chain.check(new Inbound("other", "other", new RpcRequest("c11", "read", List.of())), 0));
        assertEquals("rate-limited", limited.code());
        assertEquals(Optional.empty(), chain.refusalReply(ev, limited, 0), "a refused event would get no reply");
        ActionRequest elsewhere = act("house-1", "pump");
        assertEquals(Optional.of(elsewhere.status(RouterMessage.ActionStatus.Status.FAILED, "rate limited: x", 7)),
                chain.refusalReply(new Inbound("other", "other", elsewhere), new Verdict.Refuse("rate-limited", "rate limited: x"), 7));
        assertEquals(1, chain.dropped(), "the reply-less refusal asked for above");
        assertEquals(Map.of("rpc", 3L, "event", 2L), log.counts());
        assertEquals(1, limiter.refused());
    }
}
