package piot.gateway.router;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bodies the router exchanges with other gateways, carried in the mesh envelope whose
 * {@code type} is {@link #type()} and whose body is {@link RouterCodec#encode}. The originating
 * node is the envelope's {@code source}; it is not repeated in bodies that do not need it.
 * The wire form of every body is documented in {@code docs/router.md}.
 */
public sealed interface RouterMessage {

    /** Envelope type string of this body, e.g. {@code "event"}. */
    String type();

    /** A reading or a fault of one key of a thing on the source node. */
    record EventMessage(String thing, String key, double value, String unit, long tsWallMillis,
                        boolean historical, Optional<String> error) implements RouterMessage {
        public EventMessage {
            Objects.requireNonNull(thing, "thing");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(error, "error");
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException("an event value must be finite, or NaN for none: " + value);
            }
        }

        public String type() {
            return "event";
        }
    }

    /**
     * A request to run {@code action} of {@code thing} on {@code node}. {@code value} is the text of
     * a JSON scalar ("on", "0.5", "true"; "" when the action takes none). {@code expiryWallMillis}
     * is absolute wall time: the executor refuses the request at or after it.
     */
    record ActionRequest(String requestId, String requester, String node, String thing, String action,
                         String value, long expiryWallMillis) implements RouterMessage {
        public ActionRequest {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(thing, "thing");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(value, "value");
        }

        public String type() {
            return "action";
        }

        /** A status update for this request. */
        public ActionStatus status(ActionStatus.Status status, String detail, long tsWallMillis) {
            return new ActionStatus(requestId, node, thing, action, status, detail, tsWallMillis);
        }
    }

    /** A delivery status update of an action, sent back to its requester. */
    record ActionStatus(String requestId, String node, String thing, String action, Status status,
                        String detail, long tsWallMillis) implements RouterMessage {
        public ActionStatus {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(thing, "thing");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }

        public String type() {
            return "action-status";
        }

        /** The statuses of the SPEC; a refusal is {@link #FAILED} with the reason in {@code detail}. */
        public enum Status {
            PENDING, DELIVERED, COMPLETED, FAILED, EXPIRED;

            /** Completed, failed and expired end an action; exactly one of them is reported. */
            public boolean isFinal() {
                return this == COMPLETED || this == FAILED || this == EXPIRED;
            }

            /** Lower-case wire name: {@code pending}, {@code delivered}, … */
            public String wire() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }

            /** Order along the lifecycle: pending 0, delivered 1, any final status 2. */
            int rank() {
                return isFinal() ? 2 : ordinal();
            }
        }
    }

    /** A call of a node's function; never held: an unreachable target answers at once. */
    record RpcRequest(String callId, String function, List<String> args) implements RouterMessage {
        public RpcRequest {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
        }

        public String type() {
            return "rpc";
        }
    }

    /**
     * The answer to an {@link RpcRequest}: {@code ok} with a JSON {@code result}, or not ok with an
     * {@code error} that starts with a code ({@code not-connected}, {@code not-authorized},
     * {@code unknown-function}, {@code bad-args}, {@code rate-limited}, {@code timeout}, {@code failed}).
     */
    record RpcReply(String callId, boolean ok, JsonNode result, String error) implements RouterMessage {
        public RpcReply {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(error, "error");
        }

        public String type() {
            return "rpc-reply";
        }

        public static RpcReply success(String callId, JsonNode result) {
            return new RpcReply(callId, true, result, "");
        }

        public static RpcReply failure(String callId, String error) {
            return new RpcReply(callId, false, com.fasterxml.jackson.databind.node.NullNode.getInstance(), error);
        }
    }

    /** JOIN: the source node wants events matching {@code pattern} from the destination node. */
    record Subscribe(String pattern) implements RouterMessage {
        public Subscribe {
            Objects.requireNonNull(pattern, "pattern");
        }

        public String type() {
            return "join";
        }
    }

    /** LEAVE: the source node no longer wants events matching {@code pattern}. */
    record Unsubscribe(String pattern) implements RouterMessage {
        public Unsubscribe {
            Objects.requireNonNull(pattern, "pattern");
        }

        public String type() {
            return "leave";
        }
    }

    /** ROUTING: the metric (hops, 16 = unreachable) at which the source reaches each destination. */
    record RoutingUpdate(Map<String, Integer> entries) implements RouterMessage {
        public RoutingUpdate {
            entries = Map.copyOf(entries);
        }

        public String type() {
            return "routing";
        }
    }

    /** The complete list of the source node's things; it replaces what others knew of that node. */
    record ThingDescriptionsMessage(List<ThingInfo> things) implements RouterMessage {
        public ThingDescriptionsMessage {
            things = List.copyOf(things);
        }

        public String type() {
            return "things";
        }
    }
}
