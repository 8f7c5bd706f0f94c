package piot.gateway.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import piot.gateway.router.RouterMessage.RpcReply;
import piot.gateway.router.RouterMessage.RpcRequest;

/**
 * This node's RPC functions, and the caller's side of a call to one node, a list or {@code *}.
 * RPC is never held: a target that is not reachable right now is answered {@code not-connected}
 * at once, by the caller's own node. Built-in functions:
 * <ul>
 *   <li>{@code get_peers}: the names of the nodes this node has a session with, sorted.</li>
 *   <li>{@code get_funcs}: the names of this node's functions, sorted.</li>
 *   <li>{@code read [PATTERN]}: latest values from the directory matching PATTERN (default
 *       {@code SELF/#}) as {@code [{"node","thing","key","value","unit","ts","error"?}]}.</li>
 * </ul>
 * Thread-safe.
 */
public final class RpcDispatcher {
    private static final System.Logger LOG = System.getLogger(RpcDispatcher.class.getName());
    private static final Set<String> BUILT_IN = Set.of("get_peers", "get_funcs", "read");

    /** A function callable over the mesh: a result, or a malformed-args reason. May throw on failure. */
    @FunctionalInterface
    public interface RpcFunction {
        Parsed<JsonNode> call(String caller, List<String> args);
    }

    /** What to do for a call: requests to send, and replies already known (local calls, unreachable nodes). */
    public record Plan(List<Outgoing> send, Map<String, RpcReply> immediate) {}

    private final String self;
    private final Directory directory;
    private final Supplier<Collection<String>> peers;
    private final Map<String, RpcFunction> functions = new TreeMap<>();

    public RpcDispatcher(String self, Directory directory, Supplier<Collection<String>> peers) {
        this.self = self;
        this.directory = directory;
        this.peers = peers;
        functions.put("get_peers", (caller, args) -> Parsed.ok(strings(new TreeSet<>(peers.get()))));
        functions.put("get_funcs", (caller, args) -> Parsed.ok(strings(functions())));
        functions.put("read", this::read);
    }

    /** Adds a function; empty on success, else why not (bad name, built-in, already registered). */
    public synchronized Optional<String> register(String name, RpcFunction fn) {
        String bad = Names.checkName("function name", name);
        if (bad != null) {
            return Optional.of(bad);
        }
        if (functions.containsKey(name)) {
            return Optional.of("function " + name + (BUILT_IN.contains(name) ? " is built in" : " is already registered"));
        }
        functions.put(name, fn);
        return Optional.empty();
    }

    public synchronized List<String> functions() {
        return List.copyOf(functions.keySet());
    }

    /** Runs a call addressed to this node, from {@code caller} (already through the middleware). */
    public RpcReply handle(String caller, RpcRequest req) {
        RpcFunction fn;
        synchronized (this) {
            fn = functions.get(req.function());
        }
        if (fn == null) {
            return RpcReply.failure(req.callId(), "unknown-function: " + req.function() + " is not one of " + functions());
        }
        try {
            return switch (fn.call(caller, req.args())) {
                case Parsed.Ok<JsonNode> ok -> RpcReply.success(req.callId(), ok.value());
                case Parsed.Malformed<JsonNode> bad -> RpcReply.failure(req.callId(), "bad-args: " + bad.reason());
            };
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "rpc " + req.function() + " from " + caller + " failed", e);
            return RpcReply.failure(req.callId(), "failed: " + e);
        }
    }

    /**
     * Plans a call of {@code function} on {@code targets}: this node runs its own share now; a
     * node for which {@code reachable} is false (no route, or no session to its next hop) is
     * answered {@code not-connected} now; the others get an {@link RpcRequest} to send.
     */
    public Plan call(Targets targets, String callId, String function, List<String> args,
                     Collection<String> knownNodes, Predicate<String> reachable) {
        RpcRequest req = new RpcRequest(callId, function, args);
        List<Outgoing> send = new ArrayList<>();
        Map<String, RpcReply> immediate = new TreeMap<>();
        for (String node : targets.resolve(self, knownNodes)) {
            if (node.equals(self)) {
                immediate.put(node, handle(self, req));
            } else if (reachable.test(node)) {
                send.add(new Outgoing(node, req));
            } else {
                immediate.put(node, RpcReply.failure(callId, "not-connected: " + node + " is not reachable now"));
            }
        }
        return new Plan(List.copyOf(send), immediate);
    }

    private Parsed<JsonNode> read(String caller, List<String> args) {
        if (args.size() > 1) {
            return Parsed.malformed("read takes at most one argument, a pattern NODE/THING/KEY");
        }
        return TopicPattern.parse(args.isEmpty() ? self + "/#" : args.getFirst()).map(p -> {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (Directory.Reading r : directory.read(p)) {
                ObjectNode o = out.addObject().put("node", r.node()).put("thing", r.thing()).put("key", r.key());
                if (Double.isFinite(r.latest().value())) {
                    o.put("value", r.latest().value());
                } else {
                    o.putNull("value");
                }
                o.put("unit", r.latest().unit()).put("ts", r.latest().tsWallMillis());
                r.latest().error().ifPresent(err -> o.put("error", err));
            }
            return out;
        });
    }

    private static JsonNode strings(Collection<String> items) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        items.forEach(a::add);
        return a;
    }
}
