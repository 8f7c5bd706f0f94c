package piot.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import piot.drivers.sim.OutputChange;
import piot.gateway.runtime.TestMesh;

/**
 * {@code piot act --wait} against whole gateways where the target refuses: the operator sees
 * the refusal as a failed status with its reason, the command exits 1, and the actuator never
 * moves. greenhouse-1's pump may be switched by barn-1 only; the controller asks through barn-1.
 */
class ActRefusalIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final List<Gateway> gateways = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        gateways.forEach(Gateway::close);
    }

    private Gateway start(TestMesh net, String name, String yaml) {
        Gateway g = Gateway.create(net.config(name, yaml), true);
        g.start();
        gateways.add(g);
        return g;
    }

    private static String[] act(Gateway at, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new java.util.ArrayList<>(List.of("--url", at.httpUri().toString(), "--wait"));
        all.addAll(List.of(args));
        int exit = new CommandLine(new ActCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @Test
    void aNodeNotAllowedToActuateGetsFailedWithTheReasonAndTheAllowedOneSwitchesThePump() throws Exception {
        TestMesh net = new TestMesh(dir, "home");
        for (String n : List.of("greenhouse-1", "barn-1", "controller-1")) {
            net.issue(n);
        }
        int gPort = TestMesh.freePort();
        int cPort = TestMesh.freePort();
        Gateway greenhouse = start(net, "greenhouse-1", net.node("greenhouse-1", gPort) + net.security("greenhouse-1") + """
                hardware: { provider: sim }
                actuators:
                  - { id: pump, type: gpio-output, pin: 27, safe_state: off, allow: [barn-1] }
                http: { listen: 127.0.0.1:0 }
                """);
        Gateway controller = start(net, "controller-1", net.node("controller-1", cPort) + net.security("controller-1") + """
                hardware: { provider: sim }
                http: { listen: 127.0.0.1:0 }
                """);
        Gateway barn = start(net, "barn-1", net.node("barn-1", TestMesh.freePort()) + net.security("barn-1") + """
                links:
                  - { peer: greenhouse-1, address: 127.0.0.1:%d }
                  - { peer: controller-1, address: 127.0.0.1:%d }
                hardware: { provider: sim }
                http: { listen: 127.0.0.1:0 }
                """.formatted(gPort, cPort));
        TestMesh.await("the controller knows greenhouse-1/pump", WAIT,
                () -> controller.runtime().status().thing("greenhouse-1", "pump").isPresent());
        int before = pump(greenhouse).size();

        String[] refused = act(controller, "greenhouse-1/pump/switch", "on");
        assertEquals("1", refused[0], refused[1] + refused[2]);
        assertTrue(refused[1].lines().anyMatch(l -> l.endsWith("  failed  not authorized: node controller-1 may not actuate pump")),
                refused[1]);
        assertEquals(List.of(), pump(greenhouse).subList(before, pump(greenhouse).size()), "the refused action never ran");

        TestMesh.await("the barn knows greenhouse-1/pump", WAIT, () -> barn.runtime().status().thing("greenhouse-1", "pump").isPresent());
        String[] allowed = act(barn, "greenhouse-1/pump/switch", "on");
        assertEquals("0", allowed[0], allowed[1] + allowed[2]);
        assertTrue(allowed[1].lines().toList().getLast().contains("  completed"), allowed[1]);
        assertEquals(List.of(1.0), pump(greenhouse).subList(before, pump(greenhouse).size()).stream().map(OutputChange::value).toList());
    }

    private static List<OutputChange> pump(Gateway g) {
        return g.runtime().simulator().orElseThrow().outputChanges("pump");
    }
}
