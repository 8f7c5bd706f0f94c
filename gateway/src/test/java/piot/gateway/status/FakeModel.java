package piot.gateway.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small mesh in memory: this node greenhouse-1 with a BME280 and a pump, a peer barn-1 with a
 * door sensor, and a relayed node field-1. Actions are checked like the router would; with
 * {@code autoComplete} they go pending, delivered, completed on a virtual thread, the pump's state
 * follows, and every change is published to subscribers.
 */
public final class FakeModel implements StatusModel {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    final Metrics metrics = new Metrics();
    final List<Consumer<LiveEvent>> listeners = new CopyOnWriteArrayList<>();
    final Map<String, ThingInfo> things = new ConcurrentHashMap<>();
    final Map<String, ActionHistory> actions = new ConcurrentHashMap<>();
    public final List<ActionRequest> submitted = new CopyOnWriteArrayList<>();
    final List<PeerInfo> peers = new CopyOnWriteArrayList<>();
    final List<ErrorInfo> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    public volatile boolean autoComplete = true;

    public FakeModel() {
        put(new ThingInfo("greenhouse-1", "air", "bme280",
                List.of(KeyValue.of("temperature", 21.4, "°C", T0), KeyValue.of("humidity", 55, "%RH", T0)), List.of()));
        put(new ThingInfo("greenhouse-1", "pump", "gpio-output",
                List.of(KeyValue.of("state", "off", "", T0)), List.of(new ActionInfo("set", true, List.of("on", "off")))));
        put(new ThingInfo("barn-1", "door", "gpio-input",
                List.of(new KeyValue("level", 1, "", T0, true)), List.of()));
        peers.add(new PeerInfo("barn-1", "192.168.1.20:7420", PeerInfo.State.UP, T0, 3, Duration.ofMillis(12), null));
        peers.add(new PeerInfo("field-1", null, PeerInfo.State.DOWN, T0, 0, null, "barn-1"));
        errors.add(new ErrorInfo(T0, "greenhouse-1/air", "I2C NACK at 0x76"));
    }

    public void put(ThingInfo t) {
        things.put(t.node() + "/" + t.thing(), t);
    }

    /** Records a new reading and publishes it, like a sampler would. */
    public void reading(String node, String thing, String key, Object value, String unit) {
        KeyValue kv = KeyValue.of(key, value, unit, Instant.now());
        things.computeIfPresent(node + "/" + thing, (k, t) -> {
            List<KeyValue> keys = new ArrayList<>(t.keys().stream().filter(x -> !x.key().equals(key)).toList());
            keys.add(kv);
            return new ThingInfo(t.node(), t.thing(), t.type(), keys, t.actions());
        });
        publish(new LiveEvent.Reading(node, thing, kv));
    }

    void publish(LiveEvent e) {
        listeners.forEach(l -> l.accept(e));
    }

    /** Appends a status update to an action and publishes it. */
    public void update(String id, ActionStatus status, String detail) {
        ActionHistory h = actions.computeIfPresent(id, (k, a) -> {
            List<ActionHistory.Update> u = new ArrayList<>(a.updates());
            u.add(new ActionHistory.Update(status, Instant.now(), detail));
            return new ActionHistory(a.id(), a.node(), a.thing(), a.action(), a.value(), a.expiresAt(), u);
        });
        publish(new LiveEvent.ActionUpdate(h));
    }

    @Override
    public NodeInfo node() {
        return new NodeInfo("greenhouse-1", "home", "0.1.0", Duration.ofSeconds(7384), NodeInfo.Health.DEGRADED, List.of("sensor air: I2C NACK"));
    }

    @Override
    public List<PeerInfo> peers() {
        return List.copyOf(peers);
    }

    @Override
    public List<ThingInfo> things() {
        return things.values().stream().sorted((a, b) -> (a.node() + a.thing()).compareTo(b.node() + b.thing())).toList();
    }

    @Override
    public ActionSubmission submit(ActionRequest r) {
        ThingInfo t = things.get(r.node() + "/" + r.thing());
        if (t == null) return new ActionSubmission.Refused(ActionSubmission.Reason.UNKNOWN_THING, "no thing " + r.node() + "/" + r.thing());
        Optional<ActionInfo> a = t.actions().stream().filter(x -> x.name().equals(r.action())).findFirst();
        if (a.isEmpty()) return new ActionSubmission.Refused(ActionSubmission.Reason.UNKNOWN_ACTION, r.thing() + " has no action " + r.action());
        if (!a.get().choices().isEmpty() && !a.get().choices().contains(String.valueOf(r.value()))) {
            return new ActionSubmission.Refused(ActionSubmission.Reason.BAD_VALUE, "value must be one of " + a.get().choices());
        }
        String id = "act-" + ids.incrementAndGet();
        Instant now = Instant.now();
        actions.put(id, new ActionHistory(id, r.node(), r.thing(), r.action(), r.value(), now.plus(r.expiry()),
                List.of(new ActionHistory.Update(ActionStatus.PENDING, now, ""))));
        // Recorded only once its history exists: tests that see it submitted go on to update it.
        submitted.add(r);
        if (autoComplete) {
            String key = t.keys().isEmpty() ? "state" : t.keys().getFirst().key();
            Thread.startVirtualThread(() -> {
                update(id, ActionStatus.DELIVERED, "");
                reading(r.node(), r.thing(), key, r.value(), "");
                update(id, ActionStatus.COMPLETED, "");
            });
        }
        return new ActionSubmission.Accepted(id);
    }

    @Override
    public Optional<ActionHistory> action(String id) {
        return Optional.ofNullable(actions.get(id));
    }

    @Override
    public Subscription subscribe(Consumer<LiveEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public List<ErrorInfo> recentErrors() {
        return List.copyOf(errors);
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }
}
