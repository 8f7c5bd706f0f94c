package piot.gateway.runtime;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import piot.gateway.holding.NodeState;
import piot.gateway.router.ActionJournal;
import piot.gateway.router.Parsed;
import piot.gateway.router.RouterCodec;
import piot.gateway.router.RouterMessage;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;

/**
 * {@link ActionJournal} over holding's {@code requested_actions} table: the request and each
 * status as their wire JSON bodies. A request is durable before it is sent ({@link #requested}
 * waits for the commit, so the request's own hold cannot commit without it). Status updates are
 * written without waiting: the writer commits in order, so by the time the inbound status is
 * acknowledged to the mesh (its custody, queued later) the update is durable too.
 */
final class DurableActionJournal implements ActionJournal {
    private static final System.Logger LOG = System.getLogger(DurableActionJournal.class.getName());

    private final NodeState state;

    DurableActionJournal(NodeState state) {
        this.state = state;
    }

    @Override
    public void requested(ActionRequest request, ActionStatus pending) {
        state.requestedAction(request.requestId(), text(request), text(pending)).join();
    }

    @Override
    public void updated(ActionStatus status) {
        state.requestedStatus(status.requestId(), text(status), status.status().isFinal()).whenComplete((recorded, e) -> {
            if (e != null) {
                LOG.log(Level.ERROR, "could not journal the " + status.status().wire() + " status of action " + status.requestId(), e);
            } else if (!recorded) {
                LOG.log(Level.WARNING, "action {0} is not open in the journal; its {1} status was not recorded",
                        status.requestId(), status.status().wire());
            }
        });
    }

    @Override
    public List<Open> open() {
        List<Open> out = new ArrayList<>();
        for (NodeState.RequestedAction r : state.openRequests()) {
            if (!(decode("action", r.request()) instanceof ActionRequest req)) {
                LOG.log(Level.ERROR, "journaled action {0} is unreadable; not resumed", r.actionId());
                continue;
            }
            List<ActionStatus> history = new ArrayList<>();
            for (String s : r.statuses()) {
                if (decode("action-status", s) instanceof ActionStatus st) {
                    history.add(st);
                }
            }
            if (!history.isEmpty()) {
                out.add(new Open(req, history));
            }
        }
        return out;
    }

    private static String text(RouterMessage m) {
        return new String(RouterCodec.encode(m), StandardCharsets.UTF_8);
    }

    private static RouterMessage decode(String type, String body) {
        return RouterCodec.decode(type, body.getBytes(StandardCharsets.UTF_8)) instanceof Parsed.Ok<RouterMessage> ok ? ok.value() : null;
    }
}
