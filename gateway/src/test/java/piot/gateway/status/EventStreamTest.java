package piot.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventStreamTest {
    FakeModel model;
    StatusServer server;

    @BeforeEach
    void start() throws IOException {
        model = new FakeModel();
        server = StatusServer.start(model, TestServers.loopback());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyKindOfLiveEventArrivesAsANamedJsonEvent() {
        try (SseClient c = new SseClient(server.uri().resolve("/api/events"))) {
            assertEquals("text/event-stream; charset=utf-8", c.response.headers().firstValue("Content-Type").orElseThrow());
            TestServers.await("subscribed", Duration.ofSeconds(5), () -> server.eventClients() == 1);
            model.reading("greenhouse-1", "air", "temperature", 22.5, "°C");
            model.publish(new LiveEvent.Peer(new PeerInfo("barn-1", "192.168.1.20:7420", PeerInfo.State.DOWN, FakeModel.T0, 7, null, null)));
            model.publish(new LiveEvent.Error(new ErrorInfo(FakeModel.T0, "greenhouse-1/air", "I2C NACK at 0x76")));
            String id = ((ActionSubmission.Accepted) model.submit(new ActionRequest("greenhouse-1", "pump", "set", "on", Duration.ofSeconds(30), "test"))).id();
            c.awaitLine("completed action", l -> l.contains("\"status\":\"completed\""));

            String reading = c.data("reading").getFirst();
            assertTrue(reading.startsWith("{\"node\":\"greenhouse-1\",\"thing\":\"air\",\"key\":\"temperature\",\"value\":22.5,\"unit\":\"°C\",\"ts\":\""), reading);
            assertEquals("{\"name\":\"barn-1\",\"address\":\"192.168.1.20:7420\",\"state\":\"down\",\"since\":\"2026-11-22T10:00:00Z\",\"holdingDepth\":7,\"rttMs\":null,\"via\":null}",
                    c.data("peer").getFirst());
            assertEquals("{\"ts\":\"2026-11-22T10:00:00Z\",\"source\":\"greenhouse-1/air\",\"message\":\"I2C NACK at 0x76\"}", c.data("error").getFirst());
            List<String> actions = c.data("action");
            assertEquals(2, actions.size(), "delivered and completed: " + actions);
            assertTrue(actions.get(0).contains("\"id\":\"" + id + "\"") && actions.get(0).contains("\"status\":\"delivered\""));
            assertTrue(actions.get(1).contains("\"final\":true"));
        }
    }

    @Test
    void peersAndThingsAppearingChangingAndDisappearingAreAnnounced() {
        try (SseClient c = new SseClient(server.uri().resolve("/api/events"))) {
            TestServers.await("subscribed", Duration.ofSeconds(5), () -> server.eventClients() == 1);
            model.put(new ThingInfo("field-1", "soil", "gpio-input", List.of(new KeyValue("level", null, "", null, false)), List.of()));
            model.peers.add(new PeerInfo("shed-1", "192.168.1.30:7420", PeerInfo.State.UP, FakeModel.T0, 0, null, null));
            c.awaitLine("the new thing", l -> l.startsWith("data: {\"node\":\"field-1\",\"thing\":\"soil\""));
            c.awaitLine("the new peer", l -> l.startsWith("data: {\"name\":\"shed-1\""));
            assertEquals("{\"node\":\"field-1\",\"thing\":\"soil\",\"type\":\"gpio-input\",\"keys\":[{\"key\":\"level\",\"value\":null,"
                    + "\"unit\":\"\",\"ts\":null,\"historical\":false}],\"actions\":[]}", c.data("thing").getFirst());

            // A peer's session going down is a change; a new reading of a known thing is not a thing event.
            model.peers.replaceAll(p -> p.name().equals("shed-1") ? new PeerInfo("shed-1", p.address(), PeerInfo.State.DOWN, FakeModel.T0, 4, null, null) : p);
            model.reading("field-1", "soil", "level", 1, "");
            c.awaitLine("shed-1 down", l -> l.contains("\"name\":\"shed-1\"") && l.contains("\"state\":\"down\",") && l.contains("\"holdingDepth\":4"));

            model.things.remove("field-1/soil");
            model.peers.removeIf(p -> p.name().equals("shed-1"));
            c.awaitLine("the thing gone", l -> l.equals("data: {\"node\":\"field-1\",\"thing\":\"soil\"}"));
            c.awaitLine("the peer gone", l -> l.equals("data: {\"name\":\"shed-1\"}"));
            assertEquals(List.of("{\"node\":\"field-1\",\"thing\":\"soil\"}"), c.data("thing-removed"));
            assertEquals(List.of("{\"name\":\"shed-1\"}"), c.data("peer-removed"));
            assertEquals(1, c.data("thing").size(), "the reading did not re-announce the thing: " + c.data("thing"));
            assertEquals(2, c.data("peer").stream().filter(d -> d.contains("shed-1")).count(), "appeared, went down");
            assertTrue(c.data("peer").stream().noneMatch(d -> d.contains("barn-1")), "unchanged peers are not repeated");
        }
    }

    @Test
    void idleStreamGetsKeepAliveComments() {
        try (SseClient c = new SseClient(server.uri().resolve("/api/events"))) {
            c.awaitLine("keep-alive", l -> l.equals(": keep-alive"));
            assertTrue(c.lines.contains("retry: 3000"));
        }
    }

    @Test
    void disconnectedClientsAreRemoved() {
        SseClient a = new SseClient(server.uri().resolve("/api/events"));
        SseClient b = new SseClient(server.uri().resolve("/api/events"));
        TestServers.await("two clients", Duration.ofSeconds(5), () -> server.eventClients() == 2);
        a.close();
        TestServers.await("one client left", Duration.ofSeconds(5), () -> server.eventClients() == 1);
        assertTrue(TestServers.get(server, "/metrics").body().contains("piot_http_sse_clients 1\n"));
        b.close();
        TestServers.await("no clients", Duration.ofSeconds(5), () -> server.eventClients() == 0);
    }

    @Test
    void aClientThatStopsReadingDoesNotHoldUpTheOthers() throws IOException {
        try (Socket slow = new Socket("127.0.0.1", server.address().getPort());
             SseClient fast = new SseClient(server.uri().resolve("/api/events"))) {
            slow.setReceiveBufferSize(4096);
            OutputStream out = slow.getOutputStream();
            out.write("GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            TestServers.await("both subscribed", Duration.ofSeconds(5), () -> server.eventClients() == 2);
            // The slow socket never reads: once its buffers are full, its queue of 16 overflows.
            String big = "x".repeat(8 * 1024);
            int batches = 0;
            while (batches < 2000 && droppedCount() == 0) {
                int b = batches++;
                for (int i = 0; i < 8; i++) {
                    model.publish(new LiveEvent.Reading("n", "t", KeyValue.of("k", big + "-" + b + "-" + i, "", Instant.EPOCH)));
                }
                String last = "-" + b + "-7\"";
                fast.awaitLine("batch " + b, l -> l.contains(last));
            }
            assertEquals(batches * 8, fast.data("reading").size(), "the fast client got every event");
            assertTrue(fast.data("dropped").isEmpty());
            long dropped = droppedCount();
            assertTrue(dropped > 0, "events for the slow client were dropped and counted");
            assertEquals(2, server.eventClients(), "the slow client is still connected, just behind");
        }
    }

    private long droppedCount() {
        return TestServers.get(server, "/metrics").body().lines().filter(l -> l.startsWith("piot_http_sse_dropped_total "))
                .mapToLong(l -> (long) Double.parseDouble(l.split(" ")[1])).findFirst().orElse(0);
    }
}
