package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.drivers.sim.OutputChange;
import piot.gateway.app.Gateway;
import piot.gateway.config.DeviceConfig;
import piot.gateway.mesh.ByteProxy;
import piot.gateway.status.ActionHistory;
import piot.gateway.status.ActionRequest;
import piot.gateway.status.ActionStatus;
import piot.gateway.status.ActionSubmission;
import piot.gateway.status.LiveEvent;
import piot.gateway.status.StatusModel;

/**
 * Whole gateways (device files, simulated hardware, TLS over loopback) in a line and in a star,
 * with links cut and restored by a TCP proxy on each link. An action two hops away is held across
 * the outage and runs once when the links return, or ends expired and never runs; its status
 * updates reach the requester across an outage of their own, and across the requester's restart;
 * every subscriber gets each reading once, in order.
 */
class RouterOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private TestMesh net;
    private final Map<String, DeviceConfig> configs = new LinkedHashMap<>();
    private final Map<String, Gateway> gateways = new LinkedHashMap<>();
    /** peer → the two cutters of its link with the dialer (one per direction: both ends dial). */
    private final Map<String, List<ByteProxy>> links = new LinkedHashMap<>();
    /** node → "publisher/thing/key" readings it saw, as timestamps in arrival order. */
    private final Map<String, List<Instant>> seen = new LinkedHashMap<>();

    @AfterEach
    void stop() throws Exception {
        for (Gateway g : gateways.values()) {
            g.close();
        }
        for (List<ByteProxy> pair : links.values()) {
            for (ByteProxy c : pair) {
                c.close();
            }
        }
    }

    /**
     * The pump and air sensor live on {@code pumpNode}; {@code dialer} is linked with each of
     * {@code peers}. Each end of a link has it configured through a cutter of its own, so neither
     * can go round the cut by dialling the other's real port (a configured link is never
     * replaced by an address learned from an inbound session).
     */
    private void build(String pumpNode, String dialer, List<String> peers, List<String> others) throws Exception {
        net = new TestMesh(dir, "home");
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(others);
        all.add(dialer);
        all.addAll(peers);
        for (String n : all.stream().distinct().toList()) {
            net.issue(n);
            ports.put(n, TestMesh.freePort());
        }
        StringBuilder dial = new StringBuilder("links:\n");
        Map<String, String> back = new LinkedHashMap<>();
        for (String p : peers) {
            ByteProxy there = new ByteProxy(ports.get(p));
            ByteProxy home = new ByteProxy(ports.get(dialer));
            links.put(p, List.of(there, home));
            dial.append("  - { peer: ").append(p).append(", address: 127.0.0.1:").append(there.port()).append(" }\n");
            back.put(p, "links:\n  - { peer: " + dialer + ", address: 127.0.0.1:" + home.port() + " }\n");
        }
        for (String n : ports.keySet()) {
            String things = n.equals(pumpNode) ? """
                    sensors:
                      - { id: air, type: bme280, i2c: { bus: 1, address: 0x76 }, interval: 500ms, hold: all }
                    actuators:
                      - { id: pump, type: gpio-output, pin: 27, safe_state: off }
                    """ : "";
            configs.put(n, net.config(n, net.node(n, ports.get(n)) + net.security(n) + (n.equals(dialer) ? dial : back.getOrDefault(n, ""))
                    + "hardware: { provider: sim }\nhttp: { listen: 127.0.0.1:0 }\n" + things));
        }
        for (String n : ports.keySet()) {
            start(n);
        }
    }

    private void start(String n) {
        Gateway g = Gateway.create(configs.get(n), true);
        g.start();
        gateways.put(n, g);
        List<Instant> list = seen.computeIfAbsent(n, k -> Collections.synchronizedList(new ArrayList<>()));
        g.runtime().status().subscribe(e -> {
            if (e instanceof LiveEvent.Reading r && r.thing().equals("air") && r.value().key().equals("temperature")) {
                list.add(r.value().ts());
            }
        });
    }

    private StatusModel status(String n) {
        return gateways.get(n).runtime().status();
    }

    private void awaitKnows(String n, String node, String thing) {
        TestMesh.await(n + " knows " + node + "/" + thing, WAIT, () -> status(n).thing(node, thing).isPresent());
    }

    private void cut(String peer, String dialer) {
        links.get(peer).forEach(ByteProxy::cut);
        TestMesh.await(dialer + " sees " + peer + " down", WAIT, () -> !gateways.get(dialer).runtime().sessionsUp().contains(peer));
    }

    private void restore(String peer, String dialer) {
        links.get(peer).forEach(ByteProxy::restore);
        TestMesh.await(dialer + " sees " + peer + " up", WAIT, () -> gateways.get(dialer).runtime().sessionsUp().contains(peer));
    }

    private String submit(String requester, String node, String value, Duration expiry) {
        ActionSubmission s = status(requester).submit(new ActionRequest(node, "pump", "switch", value, expiry, "test"));
        return assertInstanceOf(ActionSubmission.Accepted.class, s, s.toString()).id();
    }

    private ActionHistory awaitFinal(String requester, String id) {
        TestMesh.await("a final status of " + id + " at " + requester, WAIT, () -> status(requester).action(id)
                .map(ActionHistory::status).filter(ActionStatus::isFinal).isPresent());
        return status(requester).action(id).orElseThrow();
    }

    private static List<ActionStatus> statuses(ActionHistory h) {
        return h.updates().stream().map(ActionHistory.Update::status).toList();
    }

    /** Output changes of the pump after the first {@code skip} (the start-up safe state). */
    private List<Double> pump(String node, int skip) {
        List<OutputChange> all = gateways.get(node).runtime().simulator().orElseThrow().outputChanges("pump");
        return all.stream().skip(skip).map(OutputChange::value).toList();
    }

    private int pumpChangesSoFar(String node) {
        return gateways.get(node).runtime().simulator().orElseThrow().outputChanges("pump").size();
    }

    /**
     * Each subscriber saw the publisher's readings once and in order, and, from its first one on,
     * every reading the publisher took while both ran (none lost to the outages).
     */
    private void assertReadingsOnceInOrder(String publisher, List<String> subscribers) {
        // On a quick machine the scenario can end before many readings were taken: let every
        // subscriber see a few before judging, so "none lost" covers more than a couple.
        for (String s : subscribers) {
            TestMesh.await(s + " to have 5 readings", WAIT, () -> seen.get(s).size() >= 5);
        }
        List<Instant> published;
        synchronized (seen.get(publisher)) {
            published = List.copyOf(seen.get(publisher));
        }
        Instant last = published.getLast();
        for (String s : subscribers) {
            TestMesh.await(s + " has the reading of " + last, WAIT, () -> seen.get(s).contains(last));
            List<Instant> got;
            synchronized (seen.get(s)) {
                got = List.copyOf(seen.get(s));
            }
            for (int i = 1; i < got.size(); i++) {
                assertTrue(got.get(i).isAfter(got.get(i - 1)), s + ": reading " + got.get(i) + " after " + got.get(i - 1)
                        + " (a duplicate or out of order)");
            }
            int from = published.indexOf(got.getFirst());
            assertTrue(from >= 0, s + " got a reading the publisher never took: " + got.getFirst());
            List<Instant> expected = published.subList(from, published.size());
            assertEquals(expected, got.subList(0, got.indexOf(last) + 1), s + " missed readings");
            assertTrue(expected.size() >= 5, s + " saw only " + expected.size() + " readings");
        }
    }

    @Test
    void lineOfThreeAHeldActionRunsOnceAfterTheOutageAnExpiredOneNeverRunsAndReadingsArriveOnceInOrder() throws Exception {
        build("greenhouse-1", "barn-1", List.of("greenhouse-1", "controller-1"), List.of());
        awaitKnows("controller-1", "greenhouse-1", "pump");
        int before = pumpChangesSoFar("greenhouse-1");

        cut("greenhouse-1", "barn-1");
        String held = submit("controller-1", "greenhouse-1", "on", Duration.ofSeconds(60));
        long shortExpiry = System.currentTimeMillis() + 1500;
        String expiring = submit("controller-1", "greenhouse-1", "off", Duration.ofMillis(1500));
        // Held behind the other two on the same path: once it completes, the greenhouse has judged both.
        String confirm = submit("controller-1", "greenhouse-1", "on", Duration.ofSeconds(60));
        TestMesh.await("the short action's expiry to pass", Duration.ofSeconds(10), () -> System.currentTimeMillis() > shortExpiry + 500);
        assertEquals(List.of(), pump("greenhouse-1", before), "nothing ran while the link was cut");
        assertFalse(status("controller-1").action(held).orElseThrow().status().isFinal());
        restore("greenhouse-1", "barn-1");

        ActionHistory h = awaitFinal("controller-1", held);
        assertEquals(List.of(ActionStatus.PENDING, ActionStatus.DELIVERED, ActionStatus.COMPLETED), statuses(h));
        assertEquals(ActionStatus.EXPIRED, awaitFinal("controller-1", expiring).status());
        assertEquals(ActionStatus.COMPLETED, awaitFinal("controller-1", confirm).status());
        // Had the expired "off" run between the two "on"s, the pump would show 1.0, 0.0, 1.0.
        assertEquals(List.of(1.0), pump("greenhouse-1", before), "the held action ran once; the expired one never");
        assertReadingsOnceInOrder("greenhouse-1", List.of("barn-1", "controller-1"));
    }

    @Test
    void lineOfThreeStatusesReachARequesterThatRestartedDuringTheOutage() throws Exception {
        build("greenhouse-1", "barn-1", List.of("greenhouse-1", "controller-1"), List.of());
        awaitKnows("controller-1", "greenhouse-1", "pump");
        int before = pumpChangesSoFar("greenhouse-1");

        cut("greenhouse-1", "barn-1");
        long heldForGreenhouse = heldAt("barn-1", "greenhouse-1");
        double actionsAtBarn = actionsIn("barn-1");
        String held = submit("controller-1", "greenhouse-1", "on", Duration.ofSeconds(60));
        // The action itself, not just any message: readings relayed to greenhouse-1 grow the queue too.
        TestMesh.await("the request to reach the barn's custody", WAIT,
                () -> actionsIn("barn-1") > actionsAtBarn && heldAt("barn-1", "greenhouse-1") > heldForGreenhouse);
        cut("controller-1", "barn-1");
        gateways.remove("controller-1").close();
        restore("greenhouse-1", "barn-1");
        TestMesh.await("the pump to run", WAIT, () -> !pump("greenhouse-1", before).isEmpty());

        start("controller-1");
        assertEquals(ActionStatus.PENDING, status("controller-1").action(held).orElseThrow().status(),
                "the restarted requester remembers the open action from its journal");
        restore("controller-1", "barn-1");
        ActionHistory h = awaitFinal("controller-1", held);
        assertEquals(ActionStatus.COMPLETED, h.status(), h.toString());
        assertEquals(1, h.updates().stream().filter(u -> u.status().isFinal()).count(), "one final status");
        assertEquals(List.of(1.0), pump("greenhouse-1", before));
    }

    /** How many action messages {@code node} took in from its peers ({@code piot_messages_in_total{type="action"}}). */
    private double actionsIn(String node) {
        return TestMesh.sample(status(node).metrics().render(), "piot_messages_in_total{type=\"action\"}");
    }

    /** How many messages {@code node} holds for its neighbour {@code peer}. */
    private long heldAt(String node, String peer) {
        return status(node).peers().stream().filter(p -> p.name().equals(peer)).mapToLong(p -> p.holdingDepth()).sum();
    }

    @Test
    void starOfFourAnActionAndItsStatusesCrossTwoSeparateOutagesAndEverySpokeGetsEachReadingOnce() throws Exception {
        build("spoke-c", "hub-1", List.of("spoke-a", "spoke-b", "spoke-c"), List.of());
        awaitKnows("spoke-a", "spoke-c", "pump");
        awaitKnows("spoke-b", "spoke-c", "air");
        int before = pumpChangesSoFar("spoke-c");

        cut("spoke-c", "hub-1");
        long heldForC = heldAt("hub-1", "spoke-c");
        double actionsAtHub = actionsIn("hub-1");
        String id = submit("spoke-a", "spoke-c", "on", Duration.ofSeconds(60));
        // The action itself, not just any message: spoke-b's readings for spoke-c grow the queue too
        // (once, on a loaded machine, spoke-a was cut off with the action still in its own queue).
        TestMesh.await("the request to reach the hub's custody", WAIT,
                () -> actionsIn("hub-1") > actionsAtHub && heldAt("hub-1", "spoke-c") > heldForC);
        cut("spoke-a", "hub-1");
        restore("spoke-c", "hub-1");
        TestMesh.await("the pump to run", WAIT, () -> !pump("spoke-c", before).isEmpty());
        assertEquals(ActionStatus.PENDING, status("spoke-a").action(id).orElseThrow().status(),
                "the statuses wait at the hub while spoke-a is cut off");
        restore("spoke-a", "hub-1");

        ActionHistory h = awaitFinal("spoke-a", id);
        assertEquals(List.of(ActionStatus.PENDING, ActionStatus.DELIVERED, ActionStatus.COMPLETED), statuses(h));
        assertEquals(List.of(1.0), pump("spoke-c", before));
        assertReadingsOnceInOrder("spoke-c", List.of("hub-1", "spoke-a", "spoke-b"));
    }
}
