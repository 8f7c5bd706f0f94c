package piot.gateway.router;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.router.RouterMessage.RoutingUpdate;
import piot.gateway.router.RouterMessage.RpcReply;
import piot.gateway.router.RouterMessage.RpcRequest;
import piot.gateway.router.RouterMessage.Subscribe;
import piot.gateway.router.RouterMessage.ThingDescriptionsMessage;
import piot.gateway.router.RouterMessage.Unsubscribe;

/**
 * One node's router: every message addressed to this node (or produced here) passes the
 * middleware, then goes to its handler. Messages for other nodes are the mesh's to relay by
 * {@link RoutingTable#nextHop}; they never reach this class. Every method returns the messages to
 * send, end to end, as {@link Outgoing}; what this node's own users should see goes to the
 * {@link LocalSink}. Pure logic: no I/O, no threads, time passed in. Not thread-safe: one thread
 * (the router's) calls it.
 */
public final class Router {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** Runs actions on this node's actuators; reports back through {@link #onActionDone}. */
    public interface Actuators {
        void execute(ActionRequest request);
    }

    /** What this node's users (HTTP, MQTT, CLI) see. */
    public interface LocalSink {
        void onEvent(String node, EventMessage event);

        void onActionStatus(ActionStatus status);

        void onRpcAnswer(PendingCalls.Answer answer);
    }

    /** The parts a router is made of; built by the app's wiring. */
    public record Parts(MiddlewareChain middleware, RoutingTable routes, SubscriptionTable subscriptions,
                        Interests interests, Directory directory, ActionGate gate, ActionTracker tracker,
                        RpcDispatcher rpc, PendingCalls calls) {}

    private final String self;
    private final Parts p;
    private final Actuators actuators;
    private final LocalSink sink;
    private final long rpcTimeoutNanos;
    private Set<String> reachable = new HashSet<>();

    public Router(String self, Parts parts, Actuators actuators, LocalSink sink, long rpcTimeoutNanos) {
        this.self = self;
        this.p = parts;
        this.actuators = actuators;
        this.sink = sink;
        this.rpcTimeoutNanos = rpcTimeoutNanos;
    }

    /** A message for this node, decoded, from neighbour {@code in.peer()}. */
    public List<Outgoing> onInbound(Inbound in, long nowNanos, long nowWallMillis) {
        Verdict v = p.middleware().check(in, nowNanos);
        if (in.message() instanceof ActionRequest a && a.node().equals(self)) {
            if (v instanceof Verdict.Accept && !a.requester().equals(in.source())) {
                // Statuses go to the requester: it must be the node that sent the request.
                v = Verdict.refuse("bad-request", "requester " + a.requester() + " is not the sending node " + in.source());
            }
            return onAction(a, in.source(), v, nowNanos, nowWallMillis);
        }
        if (v instanceof Verdict.Refuse refuse) {
            return p.middleware().refusalReply(in, refuse, nowWallMillis).map(r -> List.of(new Outgoing(in.source(), r))).orElse(List.of());
        }
        List<Outgoing> out = new ArrayList<>();
        switch (in.message()) {
            case EventMessage e -> {
                p.directory().onEvent(in.source(), e);
                if (p.interests().wants(in.source(), e.thing(), e.key())) {
                    sink.onEvent(in.source(), e);
                }
            }
            case ActionRequest a -> out.add(new Outgoing(a.requester(), a.status(ActionStatus.Status.FAILED,
                    "misaddressed: " + self + " is not " + a.node(), nowWallMillis)));
            case ActionStatus s -> {
                if (p.tracker().onStatus(s, in.source(), nowNanos) == ActionTracker.Update.APPLIED) {
                    sink.onActionStatus(s);
                }
            }
            case RpcRequest r -> out.add(new Outgoing(in.source(), p.rpc().handle(in.source(), r)));
            case RpcReply r -> p.calls().onReply(in.source(), r).ifPresent(sink::onRpcAnswer);
            case Subscribe s -> {
                if (TopicPattern.parse(s.pattern()) instanceof Parsed.Ok<TopicPattern> ok
                        && p.subscriptions().join(in.source(), ok.value()) == SubscriptionTable.JoinOutcome.LIMIT_REACHED) {
                    LOG.log(System.Logger.Level.WARNING, "{0} holds too many subscriptions; refused {1}", in.source(), s.pattern());
                }
            }
            case Unsubscribe u -> {
                if (TopicPattern.parse(u.pattern()) instanceof Parsed.Ok<TopicPattern> ok) {
                    p.subscriptions().leave(in.source(), ok.value());
                }
            }
            case RoutingUpdate u -> {
                if (p.routes().onUpdate(in.peer(), u, nowNanos)) {
                    out.addAll(routingChanged());
                }
            }
            case ThingDescriptionsMessage t -> p.directory().putThings(in.source(), t.things());
        }
        return out;
    }

    private List<Outgoing> onAction(ActionRequest a, String source, Verdict verdict, long nowNanos, long nowWallMillis) {
        ActionGate.Decision d = p.gate().decide(a, nowWallMillis, verdict);
        List<Outgoing> out = new ArrayList<>();
        d.reply().ifPresent(s -> out.addAll(statusTo(source, s, nowNanos)));
        if (d.kind() == ActionGate.Kind.EXECUTE) {
            actuators.execute(a);
        }
        return out;
    }

    /** The actuator finished {@code request}: its one final status, sent to the requester. */
    public List<Outgoing> onActionDone(ActionRequest request, boolean ok, String detail, long nowNanos,
                                       long nowWallMillis) {
        return statusTo(request.requester(), p.gate().completed(request, ok, detail, nowWallMillis), nowNanos);
    }

    private List<Outgoing> statusTo(String requester, ActionStatus s, long nowNanos) {
        if (requester.equals(self)) {
            if (p.tracker().onStatus(s, self, nowNanos) == ActionTracker.Update.APPLIED) {
                sink.onActionStatus(s);
            }
            return List.of();
        }
        return List.of(new Outgoing(requester, s));
    }

    /** A reading or fault of a local thing: into the directory, to local and remote subscribers. */
    public List<Outgoing> publish(EventMessage e) {
        p.directory().onEvent(self, e);
        if (p.interests().wants(self, e.thing(), e.key())) {
            sink.onEvent(self, e);
        }
        List<Outgoing> out = new ArrayList<>();
        for (String sub : p.subscriptions().subscribers(self, e.thing(), e.key())) {
            if (!sub.equals(self)) {
                out.add(new Outgoing(sub, e));
            }
        }
        return out;
    }

    /** A user of this node requests an action anywhere in the mesh; PENDING goes to the sink. */
    public List<Outgoing> requestAction(ActionRequest a, long nowNanos, long nowWallMillis) {
        if (!a.requester().equals(self)) {
            throw new IllegalArgumentException("the requester of a local request is this node, not " + a.requester());
        }
        sink.onActionStatus(p.tracker().track(a, nowNanos, nowWallMillis));
        if (a.node().equals(self)) {
            return onInbound(new Inbound(self, self, a), nowNanos, nowWallMillis);
        }
        return List.of(new Outgoing(a.node(), a));
    }

    /** A user of this node calls {@code function} on {@code targets}; answers reach the sink. */
    public List<Outgoing> call(Targets targets, String callId, String function, List<String> args,
                               Predicate<String> sessionUp, long nowNanos) {
        Predicate<String> canReach = node -> p.routes().nextHop(node).filter(sessionUp).isPresent();
        RpcDispatcher.Plan plan = p.rpc().call(targets, callId, function, args, p.routes().destinations(), canReach);
        plan.immediate().forEach((node, reply) -> sink.onRpcAnswer(new PendingCalls.Answer(node, reply)));
        for (Outgoing o : plan.send()) {
            p.calls().expect(callId, o.destination(), nowNanos + rpcTimeoutNanos);
        }
        return plan.send();
    }

    /** This node's users want events matching {@code pattern}: JOINs for the reachable publishers. */
    public List<Outgoing> subscribe(TopicPattern pattern) {
        return p.interests().want(pattern, reachableNodes());
    }

    /** This node's users no longer want {@code pattern}: LEAVEs for the reachable publishers. */
    public List<Outgoing> unsubscribe(TopicPattern pattern) {
        return p.interests().drop(pattern, reachableNodes());
    }

    private Set<String> reachableNodes() {
        Set<String> out = new TreeSet<>();
        for (String d : p.routes().destinations()) {
            if (p.routes().nextHop(d).isPresent()) {
                out.add(d);
            }
        }
        return out;
    }

    /** This node's own thing list: into the directory, and to every known node. */
    public List<Outgoing> announceThings(List<ThingInfo> things) {
        Optional<String> bad = p.directory().putThings(self, things);
        if (bad.isPresent()) {
            throw new IllegalArgumentException(bad.get());
        }
        // Unreachable nodes get the list when they become reachable (routingChanged).
        List<Outgoing> out = new ArrayList<>();
        for (String n : reachableNodes()) {
            out.add(new Outgoing(n, new ThingDescriptionsMessage(things)));
        }
        return out;
    }

    public List<Outgoing> onLinkUp(String peer, long nowNanos) {
        return p.routes().linkUp(peer, nowNanos) ? routingChanged() : List.of();
    }

    public List<Outgoing> onLinkDown(String peer, long nowNanos) {
        return p.routes().linkDown(peer, nowNanos) ? routingChanged() : List.of();
    }

    /** Timers: local action expiry, RPC timeouts, route timeouts. Call every second or so. */
    public List<Outgoing> tick(long nowNanos, long nowWallMillis) {
        p.tracker().expire(nowNanos, nowWallMillis).forEach(sink::onActionStatus);
        p.calls().expire(nowNanos).forEach(sink::onRpcAnswer);
        return p.routes().expire(nowNanos) ? routingChanged() : List.of();
    }

    /** The periodic full ROUTING update to every neighbour (every 10 s or so). */
    public List<Outgoing> routingAdvertisements() {
        List<Outgoing> out = new ArrayList<>();
        for (String n : new TreeSet<>(p.routes().neighbours())) {
            out.add(new Outgoing(n, p.routes().advertisementFor(n)));
        }
        return out;
    }

    /** Triggered update, plus JOINs and our thing list for nodes that just became reachable. */
    private List<Outgoing> routingChanged() {
        List<Outgoing> out = routingAdvertisements();
        Set<String> now = reachableNodes();
        for (String d : now) {
            if (!reachable.contains(d)) {
                out.addAll(p.interests().onReachable(d));
                List<ThingInfo> mine = p.directory().thingsOf(self);
                if (!mine.isEmpty()) {
                    out.add(new Outgoing(d, new ThingDescriptionsMessage(mine)));
                }
            }
        }
        reachable = now;
        return out;
    }
}
