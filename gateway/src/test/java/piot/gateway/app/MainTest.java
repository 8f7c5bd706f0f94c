package piot.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code piot} command as a user sees it: output, error lines and exit codes. */
class MainTest {
    static final String GREENHOUSE = "../config/examples/greenhouse.yaml";
    static final String BROKEN = "src/test/resources/config/broken/unknown-key-sensor.yaml";

    record Outcome(int code, String out, String err) {}

    static Outcome piot(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    static Outcome piot(String... args) {
        return piot(Main.commandLine(), args);
    }

    @Test
    void validateSaysOkForEachValidFileAndExitsZero() {
        Outcome o = piot("validate", GREENHOUSE, "../config/examples/barn.yaml");
        assertEquals(0, o.code(), o.err());
        assertEquals(GREENHOUSE + ": ok\n../config/examples/barn.yaml: ok\n", o.out().replace("\r", ""));
        assertEquals("", o.err());
    }

    @Test
    void validatePrintsEveryProblemOfEveryInvalidFileAndExitsTwo() {
        Outcome o = piot("validate", GREENHOUSE, BROKEN, "no-such-file.yaml");
        assertEquals(2, o.code());
        assertEquals(GREENHOUSE + ": ok\n", o.out());
        List<String> lines = o.err().lines().toList();
        assertEquals(BROKEN + ":8:5: unknown key 'intervall' in sensor 'air' (did you mean 'interval'?)", lines.get(0));
        assertTrue(lines.get(1).startsWith("no-such-file.yaml:1:1: cannot read the file"), lines.get(1));
        assertEquals(2, lines.size());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, piot("validate").code());
        assertEquals(2, piot("frobnicate").code());
        assertEquals(2, piot().code());
        assertEquals(2, piot("run").code());
    }

    @Test
    void versionAndHelpExitZero() {
        Outcome v = piot("--version");
        assertEquals(0, v.code());
        assertEquals("piot dev", v.out().strip());
        Outcome h = piot("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("validate") && h.out().contains("run") && h.out().contains("2   invalid configuration"), h.out());
    }

    @Test
    void runWithABrokenFileStartsNoGatewayAndExitsTwo() {
        List<Gateway> created = new ArrayList<>();
        RunCommand run = new RunCommand((config, sim) -> {
            Gateway g = Gateway.create(config, sim);
            created.add(g);
            return g;
        });
        Outcome o = piot(new CommandLine(run), "--config", BROKEN, "--sim");
        assertEquals(2, o.code());
        assertEquals(BROKEN + ":8:5: unknown key 'intervall' in sensor 'air' (did you mean 'interval'?)", o.err().strip());
        assertEquals(List.of(), created, "no gateway may be created for a broken file");
    }

    @Test
    void runStartsTheGatewayAndClosesItWhenStopIsRequested() throws Exception {
        CompletableFuture<Gateway> started = new CompletableFuture<>();
        RunCommand run = new RunCommand((config, sim) -> {
            Gateway g = Gateway.create(config, sim);
            started.complete(g);
            return g;
        });
        CommandLine cl = new CommandLine(run);
        CompletableFuture<Outcome> outcome = CompletableFuture.supplyAsync(() -> piot(cl, "--config", GREENHOUSE, "--sim"));
        Gateway gateway = started.get(10, TimeUnit.SECONDS);
        assertTrue(gateway.simulated());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!gateway.isRunning() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(gateway.isRunning());
        assertFalse(outcome.isDone(), "run blocks until stopped");
        run.stopRequested.countDown();
        assertEquals(0, outcome.get(10, TimeUnit.SECONDS).code());
        assertFalse(gateway.isRunning(), "the gateway is closed on stop");
    }

    @Test
    void everySubcommandIsRegisteredFromTheOneList() {
        assertEquals(List.of("validate", "run", "status", "things", "act", "pki", "sign", "push", "config", "release", "demo"), List.copyOf(Main.commandLine().getSubcommands().keySet()));
    }

    @Test
    void validatingAPathToTheExamplesDirectoryIsAProblemNotACrash() {
        Outcome o = piot("validate", "../config/examples");
        assertEquals(2, o.code());
        assertEquals("../config/examples:1:1: is a directory, not a device file", o.err().strip());
        assertFalse(Path.of("../config/examples").toFile().isFile());
    }
}
