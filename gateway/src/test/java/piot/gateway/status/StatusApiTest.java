package piot.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piot.gateway.status.TestServers.get;
import static piot.gateway.status.TestServers.postJson;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusApiTest {
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

    static JsonNode json(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), "JSON content type");
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    @Test
    void nodeShowsNameNetworkVersionUptimeHealthAndWhetherATokenIsNeeded() {
        var r = get(server, "/api/node");
        assertEquals(200, r.statusCode());
        JsonNode n = json(r);
        assertEquals("greenhouse-1", n.get("name").asText());
        assertEquals("home", n.get("network").asText());
        assertEquals("0.1.0", n.get("version").asText());
        assertEquals(7384, n.get("uptimeSeconds").asLong());
        assertEquals("degraded", n.get("health").asText());
        assertEquals("sensor air: I2C NACK", n.get("problems").get(0).asText());
        assertFalse(n.get("tokenRequired").asBoolean());
    }

    @Test
    void peersShowStateSinceHoldingDepthRttAndRelay() {
        JsonNode peers = json(get(server, "/api/peers")).get("peers");
        assertEquals(2, peers.size());
        JsonNode barn = peers.get(0);
        assertEquals("barn-1", barn.get("name").asText());
        assertEquals("192.168.1.20:7420", barn.get("address").asText());
        assertEquals("up", barn.get("state").asText());
        assertEquals("2026-11-22T10:00:00Z", barn.get("since").asText());
        assertEquals(3, barn.get("holdingDepth").asLong());
        assertEquals(12.0, barn.get("rttMs").asDouble());
        assertTrue(barn.get("via").isNull());
        JsonNode field = peers.get(1);
        assertEquals("down", field.get("state").asText());
        assertEquals("barn-1", field.get("via").asText());
        assertTrue(field.get("rttMs").isNull());
        assertTrue(field.get("address").isNull());
    }

    @Test
    void thingsListEveryThingWithLatestValuesAndActions() {
        JsonNode things = json(get(server, "/api/things")).get("things");
        assertEquals(3, things.size());
        JsonNode air = things.get(1);
        assertEquals("greenhouse-1", air.get("node").asText());
        assertEquals("air", air.get("thing").asText());
        assertEquals("bme280", air.get("type").asText());
        JsonNode temp = air.get("keys").get(0);
        assertEquals("temperature", temp.get("key").asText());
        assertEquals(21.4, temp.get("value").asDouble());
        assertEquals("°C", temp.get("unit").asText());
        assertEquals("2026-11-22T10:00:00Z", temp.get("ts").asText());
        assertFalse(temp.get("historical").asBoolean());
        assertTrue(things.get(0).get("keys").get(0).get("historical").asBoolean(), "barn-1/door is remembered");
        JsonNode pump = things.get(2);
        assertEquals("set", pump.get("actions").get(0).get("name").asText());
        assertEquals("[\"on\",\"off\"]", pump.get("actions").get(0).get("choices").toString());
    }

    @Test
    void oneThingByNodeAndId() {
        JsonNode door = json(get(server, "/api/things/barn-1/door"));
        assertEquals("gpio-input", door.get("type").asText());
        assertEquals(1, door.get("keys").get(0).get("value").asInt());
        var missing = get(server, "/api/things/barn-1/nothing");
        assertEquals(404, missing.statusCode());
        assertEquals("unknown-thing", json(missing).get("error").asText());
        assertTrue(json(missing).get("message").asText().contains("barn-1/nothing"));
    }

    @Test
    void postedActionIsAcceptedWith202AndItsHistoryCanBeFollowedToCompletion() {
        var r = postJson(server, "/api/actions", "{\"node\":\"greenhouse-1\",\"thing\":\"pump\",\"action\":\"set\",\"value\":\"on\",\"expiry\":\"30s\"}");
        assertEquals(202, r.statusCode(), r.body());
        JsonNode accepted = json(r);
        String id = accepted.get("id").asText();
        assertEquals("pending", accepted.get("status").asText());
        assertEquals("/api/actions/" + id, accepted.get("url").asText());
        assertEquals("/api/actions/" + id, r.headers().firstValue("Location").orElseThrow());
        ActionRequest sent = model.submitted.getFirst();
        assertEquals(List.of("greenhouse-1", "pump", "set", "on"), List.of(sent.node(), sent.thing(), sent.action(), sent.value()));
        assertEquals(Duration.ofSeconds(30), sent.expiry());
        assertTrue(sent.requester().startsWith("http:127.0.0.1"));

        TestServers.await("completed", Duration.ofSeconds(5),
                () -> json(get(server, "/api/actions/" + id)).get("final").asBoolean());
        JsonNode h = json(get(server, "/api/actions/" + id));
        assertEquals("completed", h.get("status").asText());
        assertEquals("on", h.get("value").asText());
        List<String> statuses = h.get("updates").findValuesAsText("status");
        assertEquals(List.of("pending", "delivered", "completed"), statuses);
    }

    @Test
    void actionWithoutExpiryGetsTheDefaultAndNumbersStayNumbers() {
        model.put(new ThingInfo("greenhouse-1", "fan", "pwm-output", List.of(), List.of(new ActionInfo("duty", true, List.of()))));
        var r = postJson(server, "/api/actions", "{\"node\":\"greenhouse-1\",\"thing\":\"fan\",\"action\":\"duty\",\"value\":0.5}");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(0.5, model.submitted.getFirst().value());
        assertEquals(Duration.ofSeconds(30), model.submitted.getFirst().expiry());
    }

    /**
     * A path with a broken escape gets a 400, not a dropped connection or a 500: the JDK's server
     * refuses it (URISyntaxException) before the handler, so a path the handler sees always decodes.
     */
    @Test
    void aMalformedPercentEscapeInThePathIs400() throws Exception {
        for (String path : new String[] {"/api/things/%zz/air", "/api/actions/%", "/api/things/greenhouse-1/%e"}) {
            try (var socket = new java.net.Socket(server.address().getAddress(), server.address().getPort())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 400"), path + ": " + answer);
                assertTrue(answer.contains("URISyntaxException"), path + ": " + answer);
            }
        }
    }

    @Test
    void refusalsFromTheModelBecome404Or400WithTheReason() {
        var unknown = postJson(server, "/api/actions", "{\"node\":\"x\",\"thing\":\"y\",\"action\":\"set\"}");
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown-thing", json(unknown).get("error").asText());
        var noAction = postJson(server, "/api/actions", "{\"node\":\"greenhouse-1\",\"thing\":\"pump\",\"action\":\"spin\"}");
        assertEquals(404, noAction.statusCode());
        assertEquals("unknown-action", json(noAction).get("error").asText());
        var badValue = postJson(server, "/api/actions", "{\"node\":\"greenhouse-1\",\"thing\":\"pump\",\"action\":\"set\",\"value\":\"maybe\"}");
        assertEquals(400, badValue.statusCode());
        assertTrue(json(badValue).get("message").asText().contains("[on, off]"));
        assertTrue(model.submitted.isEmpty());
    }

    @Test
    void unknownActionIdIs404() {
        var r = get(server, "/api/actions/nope");
        assertEquals(404, r.statusCode());
        assertEquals("unknown-action", json(r).get("error").asText());
    }

    @Test
    void malformedBodiesAre400WithAReasonAndSubmitNothing() {
        String[][] cases = {
                {"{\"node\":", "malformed JSON"},
                {"[1,2]", "JSON object"},
                {"{\"node\":\"greenhouse-1\",\"thing\":\"pump\",\"action\":\"set\",\"colour\":\"red\"}", "unknown field 'colour'"},
                {"{\"thing\":\"pump\",\"action\":\"set\"}", "'node' must be a non-empty string"},
                {"{\"node\":\"greenhouse-1\",\"thing\":\"pump\",\"action\":\"set\",\"value\":\"on\",\"expiry\":\"soon\"}", "bad expiry 'soon'"},
                {"{\"node\":\"greenhouse-1\",\"thing\":\"pump\",\"action\":\"set\",\"value\":\"on\",\"expiry\":\"0s\"}", "bad expiry '0s'"},
                {"{\"node\":\"greenhouse-1\",\"thing\":\"pump\",\"action\":\"set\",\"value\":\"on\",\"expiry\":\"2d\"}", "maximum 24h"},
                {"{\"node\":\"greenhouse-1\",\"thing\":\"pump\",\"action\":\"set\",\"value\":{\"a\":1}}", "'value' must be"},
                {"{\"node\":\"a\",\"node\":\"b\",\"thing\":\"pump\",\"action\":\"set\"}", "malformed JSON"},
        };
        for (String[] c : cases) {
            var r = postJson(server, "/api/actions", c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            assertEquals("bad-request", json(r).get("error").asText());
            assertTrue(json(r).get("message").asText().contains(c[1]), c[0] + " -> " + r.body());
        }
        assertTrue(model.submitted.isEmpty());
    }

    @Test
    void wrongContentTypeIs415() {
        var r = TestServers.send(HttpRequest.newBuilder(TestServers.uri(server, "/api/actions")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"node\":\"greenhouse-1\",\"thing\":\"pump\",\"action\":\"set\",\"value\":\"on\"}")));
        assertEquals(415, r.statusCode());
        assertTrue(json(r).get("message").asText().contains("application/json"));
        assertTrue(model.submitted.isEmpty());
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = "{\"node\":\"greenhouse-1\",\"thing\":\"pump\",\"action\":\"set\",\"value\":\"" + "x".repeat(70_000) + "\"}";
        var r = postJson(server, "/api/actions", big);
        assertEquals(413, r.statusCode());
        assertEquals("too-large", json(r).get("error").asText());
        assertTrue(model.submitted.isEmpty());
    }

    @Test
    void wrongMethodIs405WithAllow() {
        var r = TestServers.send(HttpRequest.newBuilder(TestServers.uri(server, "/api/things")).DELETE());
        assertEquals(405, r.statusCode());
        assertEquals("GET", r.headers().firstValue("Allow").orElseThrow());
        var getActions = get(server, "/api/actions");
        assertEquals(405, getActions.statusCode());
        assertEquals("POST", getActions.headers().firstValue("Allow").orElseThrow());
        var postNode = postJson(server, "/api/node", "{}");
        assertEquals(405, postNode.statusCode());
        assertEquals("method-not-allowed", json(postNode).get("error").asText());
    }

    @Test
    void unknownPathIs404InJson() {
        for (String p : List.of("/nope", "/api", "/api/things/a/b/c", "/api/nodes", "/assets/evil.js")) {
            var r = get(server, p);
            assertEquals(404, r.statusCode(), p);
            assertEquals("not-found", json(r).get("error").asText(), p);
        }
    }

    @Test
    void recentErrorsAreListed() {
        JsonNode e = json(get(server, "/api/errors")).get("errors").get(0);
        assertEquals("greenhouse-1/air", e.get("source").asText());
        assertEquals("I2C NACK at 0x76", e.get("message").asText());
        assertEquals("2026-11-22T10:00:00Z", e.get("ts").asText());
    }

    @Test
    void statusPageAndItsAssetsAreServed() {
        var page = get(server, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("<script src=\"/assets/app.js\""));
        assertTrue(get(server, "/assets/app.js").headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertTrue(get(server, "/assets/style.css").body().contains("@media"));
    }

    @Test
    void metricsAreInPrometheusTextFormatAndCountRequests() {
        get(server, "/api/node");
        get(server, "/nope");
        var r = get(server, "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.body().contains("# TYPE piot_http_requests_total counter\n"), r.body());
        assertTrue(r.body().contains("piot_http_requests_total{method=\"GET\",code=\"200\"} 1\n"), r.body());
        assertTrue(r.body().contains("piot_http_requests_total{method=\"GET\",code=\"404\"} 1\n"), r.body());
        assertTrue(r.body().contains("# TYPE piot_holding_depth gauge\n"));
        assertTrue(r.body().contains("# TYPE piot_action_latency_seconds histogram\n"));
    }
}
