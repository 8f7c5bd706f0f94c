package piot.gateway.runtime;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import piot.gateway.config.SensorConfig;
import piot.gateway.holding.HoldPolicy;
import piot.gateway.router.Directory;
import piot.gateway.router.PendingCalls;
import piot.gateway.router.Router;
import piot.gateway.router.RouterMessage;
import piot.gateway.router.ThingInfo;
import piot.gateway.uplink.ActionSubmitter;
import piot.gateway.uplink.MqttBridge;

/**
 * The router's {@link Router.LocalSink} when the gateway has an {@code mqtt:} section: everything
 * goes to the status model first, then to the {@link MqttBridge} (docs/mqtt.md, "Wiring"). Also the
 * bridge's {@link ActionSubmitter}: a command becomes an action requested by this node on the
 * router thread.
 */
final class MqttUplink implements Router.LocalSink {
    private static final System.Logger LOG = System.getLogger(MqttUplink.class.getName());
    private static final long SUBMIT_WAIT_SECONDS = 10;

    private final String self;
    private final GatewayStatus status;
    private final Map<String, SensorConfig.Hold> holds;
    /** Thing lists last given to the bridge, per node; only the router thread touches it. */
    private final Map<String, List<ThingInfo>> announced = new HashMap<>();
    private volatile MqttBridge bridge;
    private volatile NodeCore core;

    MqttUplink(String self, GatewayStatus status, Map<String, SensorConfig.Hold> holds) {
        this.self = self;
        this.status = status;
        this.holds = Map.copyOf(holds);
    }

    void attach(MqttBridge b, NodeCore c) {
        this.core = c;
        this.bridge = b;
    }

    MqttBridge bridge() {
        return bridge;
    }

    static HoldPolicy policy(SensorConfig.Hold h) {
        return switch (h) {
            case ALL -> HoldPolicy.ALL;
            case LATEST -> HoldPolicy.LATEST;
            case NONE -> HoldPolicy.NONE;
        };
    }

    @Override
    public void onEvent(String node, RouterMessage.EventMessage e) {
        status.onEvent(node, e);
        MqttBridge b = bridge;
        if (b == null) {
            return;
        }
        // Our own sensors as configured; another node's hold policy is not known here, so keep every reading.
        HoldPolicy hold = node.equals(self) ? policy(holds.getOrDefault(e.thing(), SensorConfig.Hold.ALL)) : HoldPolicy.ALL;
        b.onEvent(node, e, hold).exceptionally(err -> {
            LOG.log(Level.WARNING, "mqtt: " + node + "/" + e.thing() + "/" + e.key() + " not queued for the broker: " + err.getMessage());
            return null;
        });
    }

    @Override
    public void onActionStatus(RouterMessage.ActionStatus s) {
        status.onActionStatus(s);
        MqttBridge b = bridge;
        if (b != null) {
            b.onActionStatus(s).exceptionally(err -> {
                LOG.log(Level.WARNING, "mqtt: status of " + s.requestId() + " not queued for the broker: " + err.getMessage());
                return null;
            });
        }
    }

    @Override
    public void onRpcAnswer(PendingCalls.Answer answer) {
        status.onRpcAnswer(answer);
    }

    /**
     * On the router thread (every tick): hands the bridge every node's thing list that changed since
     * the last call, this node's included, so retained discovery follows the directory.
     */
    void syncThings(Directory directory) {
        MqttBridge b = bridge;
        if (b == null) {
            return;
        }
        for (String node : directory.nodes()) {
            List<ThingInfo> now = directory.thingsOf(node);
            if (!now.equals(announced.get(node))) {
                announced.put(node, now);
                b.onThings(node, now);
            }
        }
    }

    /** A mesh session came up or went down: the peer's retained online/offline (with {@code bridge: all}). */
    void nodeStatus(String peer, boolean up) {
        MqttBridge b = bridge;
        if (b != null) {
            b.onNodeStatus(peer, up);
        }
    }

    /**
     * The bridge's submitter: requests the action as this node on the router thread and waits until
     * it is held. A command id the router already tracks (a replay of the same command) is taken
     * without a second request: its statuses were or will be published under that id, and the
     * executor runs an id at most once anyway.
     */
    ActionSubmitter submitter() {
        return (node, thing, action, value, id, expiry) -> {
            NodeCore c = core;
            if (c == null) {
                return new ActionSubmitter.Submission.Refused(self + " is not running");
            }
            RouterMessage.ActionRequest a = new RouterMessage.ActionRequest(id, self, node, thing, action, value, expiry);
            boolean[] replay = {false};
            try {
                c.submit((r, n, w) -> {
                    try {
                        return r.requestAction(a, n, w);
                    } catch (IllegalArgumentException known) {
                        replay[0] = true;
                        return List.of();
                    }
                }).get(SUBMIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.ERROR, "mqtt: command " + id + " could not be held: " + e);
                return new ActionSubmitter.Submission.Refused("could not hold the request: " + e.getMessage());
            }
            if (replay[0]) {
                LOG.log(Level.INFO, "mqtt: command {0} was already requested; not requested again", id);
            }
            return new ActionSubmitter.Submission.Accepted();
        };
    }
}
