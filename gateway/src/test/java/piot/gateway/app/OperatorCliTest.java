package piot.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import piot.gateway.status.ActionInfo;
import piot.gateway.status.ActionStatus;
import piot.gateway.status.FakeModel;
import piot.gateway.status.StatusServer;
import piot.gateway.status.TestServers;
import piot.gateway.status.ThingInfo;

class OperatorCliTest {
    FakeModel model;
    StatusServer server;

    record Run(int exit, String out, String err) {}

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void start() throws IOException {
        model = new FakeModel();
        server = StatusServer.start(model, TestServers.loopback());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String url() {
        return server.uri().toString();
    }

    @Test
    void statusShowsNodePeersWithSessionAndHoldingAndThings() {
        Run r = run(new StatusCommand(), "--url", url());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("node greenhouse-1  network home  v0.1.0  up 2h 03m  health degraded\n  ! sensor air: I2C NACK\n"), r.out());
        assertTrue(r.out().contains("PEER     ADDRESS            SESSION  SINCE"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("barn-1 +192\\.168\\.1\\.20:7420 +up +\\S+ \\S+ +3 +12 ms +-")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("field-1 +- +down +\\S+ \\S+ +0 +- +barn-1")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("greenhouse-1/air +bme280 +temperature +21\\.4 °C .*")), r.out());
    }

    @Test
    void statusJsonHasNodePeersAndThings() throws IOException {
        Run r = run(new StatusCommand(), "--url", url(), "--json");
        assertEquals(0, r.exit());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("greenhouse-1", j.path("node").path("name").asText());
        assertEquals(2, j.path("peers").size());
        assertEquals(3, j.path("things").size());
    }

    @Test
    void unreachableGatewayIsExit1WithTheReason() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = run(new StatusCommand(), "--url", "http://127.0.0.1:" + port);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("cannot reach piot at http://127.0.0.1:" + port), r.err());
    }

    @Test
    void thingsTableShowsLatestValuesAndActions() {
        Run r = run(new ThingsCommand(), "--url", url());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("THING "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("barn-1/door +gpio-input +level +1 +\\S+ \\S+ \\(remembered\\)")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(" +humidity +55 %RH +\\S+ \\S+")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("greenhouse-1/pump +gpio-output +state +off +\\S+ \\S+ +set on\\|off")), r.out());
    }

    @Test
    void actWithoutWaitPrintsTheIdAndStatusUrl() {
        Run r = run(new ActCommand(), "--url", url(), "greenhouse-1/pump/set", "on", "--expiry", "1m");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("accepted greenhouse-1/pump/set on as action act-1 \\(pending\\); status: http://127\\.0\\.0\\.1:\\d+/api/actions/act-1\n"), r.out());
        assertEquals("on", model.submitted.getFirst().value());
        assertEquals(Duration.ofMinutes(1), model.submitted.getFirst().expiry());
    }

    @Test
    void actWaitFollowsToCompletedAndExits0() {
        Run r = run(new ActCommand(), "--url", url(), "--wait", "greenhouse-1/pump/set", "on");
        assertEquals(0, r.exit(), r.err());
        var lines = r.out().lines().toList();
        assertEquals("action act-1: greenhouse-1/pump/set on", lines.get(0));
        assertTrue(lines.get(1).matches(" +\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  pending"), lines.toString());
        assertTrue(lines.getLast().endsWith("  completed"), lines.toString());
    }

    @Test
    void actWaitExits1WhenTheActionFails() {
        model.autoComplete = false;
        CompletableFuture<Run> running = CompletableFuture.supplyAsync(
                () -> run(new ActCommand(), "--url", url(), "--wait", "greenhouse-1/pump/set", "on"));
        TestServers.await("action submitted", Duration.ofSeconds(30), () -> !model.submitted.isEmpty());
        model.update("act-1", ActionStatus.DELIVERED, "");
        model.update("act-1", ActionStatus.FAILED, "interlock: heater is on");
        Run r = running.join();
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.endsWith("  failed  interlock: heater is on")), r.out());
    }

    @Test
    void numbersAndBooleansKeepTheirType() {
        model.put(new ThingInfo("greenhouse-1", "fan", "pwm-output", java.util.List.of(), java.util.List.of(new ActionInfo("duty", true, java.util.List.of()))));
        assertEquals(0, run(new ActCommand(), "--url", url(), "greenhouse-1/fan/duty", "0.5").exit());
        assertEquals(0.5, model.submitted.getFirst().value());
        assertEquals(0, run(new ActCommand(), "--url", url(), "greenhouse-1/fan/duty", "true").exit());
        assertEquals(true, model.submitted.get(1).value());
    }

    @Test
    void usageErrorsAndRefusalsAreExit2() {
        Run badTarget = run(new ActCommand(), "--url", url(), "greenhouse-1/pump", "on");
        assertEquals(2, badTarget.exit());
        assertTrue(badTarget.err().contains("target must be NODE/THING/ACTION"), badTarget.err());
        Run badExpiry = run(new ActCommand(), "--url", url(), "greenhouse-1/pump/set", "on", "--expiry", "soon");
        assertEquals(2, badExpiry.exit());
        assertTrue(badExpiry.err().contains("--expiry must be an integer and a unit"), badExpiry.err());
        Run unknown = run(new ActCommand(), "--url", url(), "greenhouse-1/kettle/set", "on");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("HTTP 404 unknown-thing: no thing greenhouse-1/kettle"), unknown.err());
        assertTrue(model.submitted.isEmpty());
    }

    @Test
    void tokenIsSentWhenTheGatewayNeedsIt() throws IOException {
        try (StatusServer exposed = StatusServer.start(model, TestServers.exposed("s3cret"))) {
            Run without = run(new ActCommand(), "--url", exposed.uri().toString(), "--token", "", "greenhouse-1/pump/set", "on");
            assertEquals(2, without.exit());
            assertTrue(without.err().contains("HTTP 401 unauthorized"), without.err());
            Run with = run(new ActCommand(), "--url", exposed.uri().toString(), "--token", "s3cret", "greenhouse-1/pump/set", "on");
            assertEquals(0, with.exit(), with.err());
        }
    }
}
