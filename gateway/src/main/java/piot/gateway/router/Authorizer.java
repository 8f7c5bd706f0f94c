package piot.gateway.router;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.RpcRequest;
import piot.gateway.router.RouterMessage.Subscribe;

/**
 * Who may do what on this node. Every node of the network (it holds a certificate of the network's
 * CA; the mesh has authenticated it) is trusted to publish and relay; the rules are:
 * <ul>
 *   <li>Actions on this node's actuators: the actuator's {@code allow:} list of node names; an
 *       actuator without a list accepts every node. Actions for other nodes are the executor's
 *       business and pass (relays do not judge them).</li>
 *   <li>Reading (RPC {@code read}, subscribing): the {@code readers} list, or every node when
 *       empty.</li>
 *   <li>Other RPC functions: every node.</li>
 * </ul>
 * The node judged is the message's originating {@link Inbound#source()}.
 */
public final class Authorizer implements Middleware {
    public static final String CODE = "not-authorized";

    private final String self;
    private final Map<String, Set<String>> actuatorAllow;
    private final Optional<Set<String>> readers;

    /**
     * @param self          this node's name
     * @param actuatorAllow per actuator id of this node, the nodes allowed to actuate it; actuators
     *                      absent from the map accept every node
     * @param readers       nodes allowed to read and subscribe; empty = every node
     */
    public Authorizer(String self, Map<String, Set<String>> actuatorAllow, Optional<Set<String>> readers) {
        this.self = self;
        this.actuatorAllow = Map.copyOf(actuatorAllow);
        this.readers = readers.map(Set::copyOf);
    }

    @Override
    public Verdict check(Inbound in, long nowNanos) {
        return switch (in.message()) {
            case ActionRequest a when a.node().equals(self) -> mayActuate(in.source(), a.thing())
                    ? Verdict.ACCEPT
                    : Verdict.refuse(CODE, "not authorized: node " + in.source() + " may not actuate " + a.thing());
            case RpcRequest r when r.function().equals("read") -> mayRead(in.source())
                    ? Verdict.ACCEPT
                    : Verdict.refuse(CODE, "not authorized: node " + in.source() + " may not read " + self);
            case Subscribe s -> mayRead(in.source())
                    ? Verdict.ACCEPT
                    : Verdict.refuse(CODE, "not authorized: node " + in.source() + " may not subscribe to " + self);
            default -> Verdict.ACCEPT;
        };
    }

    /** Whether {@code node} may actuate this node's actuator {@code actuator}. */
    public boolean mayActuate(String node, String actuator) {
        Set<String> allow = actuatorAllow.get(actuator);
        return node.equals(self) || allow == null || allow.contains(node);
    }

    public boolean mayRead(String node) {
        return node.equals(self) || readers.map(r -> r.contains(node)).orElse(true);
    }
}
