package piot.gateway.uplink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import piot.gateway.router.ActionGate;
import piot.gateway.router.InMemoryExecutedActions;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.Verdict;
import piot.time.Clock;

/**
 * The gateway side of the bridge for tests: takes submitted commands through the router's real
 * {@link ActionGate} (at most once per id, never after expiry), "runs" the ones it lets through,
 * and reports every status back through the bridge, as the wired gateway does.
 */
final class FakeGateway implements ActionSubmitter {
    private final String self;
    private final Clock clock;
    private final ActionGate gate = new ActionGate(new InMemoryExecutedActions());
    private final List<ActionRequest> submitted = new ArrayList<>();
    private final List<ActionRequest> executed = new ArrayList<>();
    final AtomicReference<MqttBridge> bridge = new AtomicReference<>();

    FakeGateway(String self, Clock clock) {
        this.self = self;
        this.clock = clock;
    }

    @Override
    public synchronized Submission submit(String node, String thing, String action, String value, String requestId,
                                          long expiryWallMillis) {
        if (!thing.equals("pump")) {
            return new Submission.Refused("unknown thing " + node + "/" + thing);
        }
        ActionRequest r = new ActionRequest(requestId, self, node, thing, action, value, expiryWallMillis);
        submitted.add(r);
        long now = clock.wallMillis();
        report(r.status(ActionStatus.Status.PENDING, "", now));
        ActionGate.Decision d = gate.decide(r, now, Verdict.ACCEPT);
        d.reply().ifPresent(this::report);
        if (d.kind() == ActionGate.Kind.EXECUTE) {
            executed.add(r);
            report(gate.completed(r, true, "pump " + value, clock.wallMillis()));
        }
        return new Submission.Accepted();
    }

    private void report(ActionStatus s) {
        bridge.get().onActionStatus(s).join();
    }

    synchronized List<ActionRequest> submitted() {
        return List.copyOf(submitted);
    }

    synchronized List<ActionRequest> executed() {
        return List.copyOf(executed);
    }
}
