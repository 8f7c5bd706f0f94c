package piot.gateway.status;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the HTTP server, the status page and the operator CLI need from a running gateway. The
 * router implements it; the server only reads through it and submits actions through it.
 *
 * <p>Every method may be called from any (virtual) thread at any time and must not block for
 * long: answer from a snapshot. Listeners registered with {@link #subscribe} are called on the
 * model's own threads and must return quickly; the server's listener only enqueues.
 */
public interface StatusModel {

    /** This gateway: name, network, version, uptime and health. */
    NodeInfo node();

    /** Every peer this node knows: direct links and nodes reached through a relay. */
    List<PeerInfo> peers();

    /** Every thing of the mesh this node knows (the directory), with latest values. */
    List<ThingInfo> things();

    /** One thing, or empty when the directory has no such thing. */
    default Optional<ThingInfo> thing(String node, String thing) {
        return things().stream().filter(t -> t.node().equals(node) && t.thing().equals(thing)).findFirst();
    }

    /**
     * Requests an action anywhere in the mesh. Returns {@link ActionSubmission.Accepted} with the new
     * action id (URL-safe: {@code [A-Za-z0-9._~-]}, it goes into {@code /api/actions/ID}) once the request is durable (its status history then starts with {@code pending}),
     * or {@link ActionSubmission.Refused} with the reason; a refusal changes nothing.
     */
    ActionSubmission submit(ActionRequest request);

    /** The status history of an action this node requested, or empty for an unknown id. */
    Optional<ActionHistory> action(String id);

    /**
     * Registers a listener for live events (readings, action status updates, peer up/down,
     * errors). Closing the returned handle unregisters it; closing twice is harmless.
     */
    Subscription subscribe(Consumer<LiveEvent> listener);

    /** The most recent errors, newest last; a bounded list (the model decides how many). */
    List<ErrorInfo> recentErrors();

    /** The metrics registry rendered at {@code GET /metrics}. */
    Metrics metrics();

    /** A registration that can be cancelled. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
