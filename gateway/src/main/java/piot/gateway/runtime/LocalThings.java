package piot.gateway.runtime;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import piot.drivers.ActuationResult;
import piot.drivers.Actuator;
import piot.drivers.Hardware;
import piot.drivers.KeyDescription;
import piot.drivers.Reading;
import piot.drivers.ReadingSink;
import piot.drivers.SensorFault;
import piot.drivers.ThingDescription;
import piot.gateway.config.ActuatorConfig;
import piot.gateway.holding.NodeState;
import piot.gateway.router.Router;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.router.ThingInfo;
import piot.time.Clock;

/**
 * This node's own sensors and actuators, between the drivers and the router thread: readings and
 * faults become events (faults as error events on every key of the sensor), latest values are
 * stored, actions run on the actuators, and watchdogs put actuators into their safe state when
 * their peer has had no session for a while.
 *
 * <p>Actions: a gpio-output accepts {@code switch} with {@code on}/{@code off}; a pwm-output
 * {@code duty} with a number 0..1.
 */
final class LocalThings implements ReadingSink, Router.Actuators {
    private static final System.Logger LOG = System.getLogger(LocalThings.class.getName());

    private final String self;
    private final NodeCore core;
    private final NodeState state;
    private final Clock clock;
    private final Map<String, ActuatorConfig.Watchdog> watchdogs = new HashMap<>();
    private final Map<String, Long> lastSession = new HashMap<>();
    private final Map<String, Boolean> tripped = new HashMap<>();
    private final GatewayStatus status;
    private final StringBuilder batch = new StringBuilder();
    private String batchThing;
    private long batchMono;
    private volatile Hardware hardware;

    LocalThings(String self, List<ActuatorConfig> actuators, NodeCore core, NodeState state, Clock clock, GatewayStatus status) {
        this.self = self;
        this.core = core;
        this.state = state;
        this.clock = clock;
        this.status = status;
        long now = clock.nanoTime();
        for (ActuatorConfig a : actuators) {
            a.watchdog().ifPresent(w -> {
                watchdogs.put(a.id(), w);
                lastSession.put(a.id(), now);
            });
        }
    }

    void attach(Hardware hw) {
        this.hardware = hw;
    }

    /** The action a thing of this type accepts, or empty. */
    static Optional<ThingInfo.Action> actionOf(String type) {
        return switch (type) {
            case "gpio-output" -> Optional.of(new ThingInfo.Action("switch", "string", Double.NaN, Double.NaN));
            case "pwm-output" -> Optional.of(new ThingInfo.Action("duty", "number", 0, 1));
            default -> Optional.empty();
        };
    }

    /** This node's things for the directory and the other nodes. */
    List<ThingInfo> things(Hardware hw) {
        List<ThingInfo> out = new ArrayList<>();
        List<ThingDescription> all = new ArrayList<>(hw.sensors());
        all.addAll(hw.actuators());
        for (ThingDescription d : all) {
            out.add(new ThingInfo(self, d.id(), d.type(), d.keys().stream().map(k -> new ThingInfo.Key(k.key(), k.unit())).toList(),
                    actionOf(d.type()).stream().toList()));
        }
        return out;
    }

    @Override
    public void onReading(Reading r) {
        logBatch(r);
        state.putLatest(new NodeState.LatestValue(r.thingId(), r.key(), Double.toString(r.value()), r.unit(), r.wallMillis()))
                .exceptionally(e -> {
                    LOG.log(Level.ERROR, "storing the latest value of " + r.thingId() + "/" + r.key() + " failed: " + e.getMessage());
                    return null;
                });
        EventMessage e = new EventMessage(r.thingId(), r.key(), r.value(), r.unit(), r.wallMillis(), false, Optional.empty());
        core.submit((router, n, w) -> router.publish(e));
    }

    @Override
    public void onFault(SensorFault f) {
        flush();
        LOG.log(Level.WARNING, "sensor fault: {0} (failed {1} times in a row, retry in {2} ms)", f.describe(), f.consecutive(),
                f.retryInNanos() / 1_000_000);
        status.sensorFault(f);
        Hardware hw = hardware;
        List<KeyDescription> keys = hw == null ? List.of() : hw.sensors().stream().filter(d -> d.id().equals(f.sensorId()))
                .flatMap(d -> d.keys().stream()).toList();
        for (KeyDescription k : keys) {
            EventMessage e = new EventMessage(f.sensorId(), k.key(), Double.NaN, k.unit(), f.wallMillis(), false, Optional.of(f.describe()));
            core.submit((router, n, w) -> router.publish(e));
        }
    }

    @Override
    public void onRecovered(String sensorId) {
        flush();
        LOG.log(Level.INFO, "sensor {0} recovered; readings follow", sensorId);
        status.sensorRecovered(sensorId);
    }

    private synchronized void logBatch(Reading r) {
        if (!r.thingId().equals(batchThing) || r.monoNanos() != batchMono) {
            flush();
            batchThing = r.thingId();
            batchMono = r.monoNanos();
            batch.append(self).append(' ').append(r.thingId()).append(':');
        }
        batch.append(' ').append(r.key()).append('=').append(String.format(Locale.ROOT, "%.2f", r.value()));
        if (!r.unit().isEmpty()) {
            batch.append(' ').append(r.unit());
        }
    }

    /** Logs the readings gathered so far as one line. */
    synchronized void flush() {
        if (!batch.isEmpty()) {
            LOG.log(Level.INFO, batch.toString());
            batch.setLength(0);
            batchThing = null;
        }
    }

    /** On the router thread: runs the action on its actuator, then reports the outcome. */
    @Override
    public void execute(ActionRequest a) {
        Hardware hw = hardware;
        Optional<Actuator> act = hw == null ? Optional.empty() : hw.actuator(a.thing());
        ActuationResult result;
        if (act.isEmpty()) {
            result = ActuationResult.refused(Double.NaN, "no actuator " + a.thing() + " on " + self);
        } else {
            String expected = actionOf(act.get().description().type()).map(ThingInfo.Action::name).orElse("");
            if (!expected.equals(a.action())) {
                result = ActuationResult.refused(act.get().state(), a.thing() + " has no action " + a.action()
                        + (expected.isEmpty() ? "" : "; it accepts " + expected));
            } else {
                DeliveryLedger.get().executed(a);
                result = act.get().apply(expected.equals("duty") ? parseNumber(a.value()) : a.value());
            }
        }
        String detail = result.applied() ? "state " + result.state() : result.reason();
        LOG.log(result.applied() ? Level.INFO : Level.WARNING, "action {0} from {1}: {2}/{3} {4} -> {5}", a.requestId(),
                a.requester(), a.thing(), a.action(), a.value(), result.applied() ? "done, " + detail : "refused: " + detail);
        core.submit((router, n, w) -> router.onActionDone(a, result.applied(), detail, n, w));
    }

    private static Object parseNumber(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** On the router thread at every tick: watchdogs. */
    void tick(long nowNanos, Set<String> sessionsUp) {
        flush();
        Hardware hw = hardware;
        for (var e : watchdogs.entrySet()) {
            String id = e.getKey();
            ActuatorConfig.Watchdog w = e.getValue();
            if (sessionsUp.contains(w.peer())) {
                lastSession.put(id, nowNanos);
                tripped.put(id, false);
            } else if (!tripped.getOrDefault(id, false) && nowNanos - lastSession.get(id) >= w.after().toNanos() && hw != null) {
                tripped.put(id, true);
                hw.actuator(id).ifPresent(act -> {
                    ActuationResult r = act.safeState();
                    LOG.log(Level.WARNING, "watchdog: no session to {0} for {1}; {2} put in its safe state ({3})", w.peer(),
                            w.after(), id, r.applied() ? "state " + r.state() : r.reason());
                });
            }
        }
    }
}
