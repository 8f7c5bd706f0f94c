package piot.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class TokenRuleTest {
    static final String BODY = "{\"node\":\"greenhouse-1\",\"thing\":\"pump\",\"action\":\"set\",\"value\":\"on\"}";

    static HttpResponse<String> post(StatusServer s, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri().resolve("/api/actions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (authorization != null) b.header("Authorization", authorization);
        return TestServers.send(b);
    }

    @Test
    void listenOnAllInterfacesRequiresTheTokenToAct() throws IOException {
        FakeModel model = new FakeModel();
        try (StatusServer s = StatusServer.start(model, TestServers.exposed("s3cret"))) {
            var none = post(s, null);
            assertEquals(401, none.statusCode());
            assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertTrue(none.body().contains("Authorization: Bearer TOKEN"), none.body());
            var wrong = post(s, "Bearer guess");
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("wrong token"));
            assertEquals(401, post(s, "Basic czNjcmV0").statusCode());
            assertTrue(model.submitted.isEmpty(), "nothing submitted without the token");

            assertEquals(202, post(s, "Bearer s3cret").statusCode());
            assertEquals(1, model.submitted.size());
            assertTrue(TestServers.get(s, "/api/node").body().contains("\"tokenRequired\":true"));
            assertEquals(200, TestServers.get(s, "/api/things").statusCode(), "reading needs no token");
        }
    }

    @Test
    void loopbackListenNeedsNoToken() throws IOException {
        FakeModel model = new FakeModel();
        try (StatusServer s = StatusServer.start(model, TestServers.loopback())) {
            assertEquals(202, post(s, null).statusCode());
            assertTrue(TestServers.get(s, "/api/node").body().contains("\"tokenRequired\":false"));
        }
    }

    @Test
    void theRuleFollowsTheConfiguredListenAddress() {
        assertFalse(HttpSettings.fromConfig("127.0.0.1:8080", null).requireToken());
        assertFalse(HttpSettings.fromConfig("localhost:8080", null).requireToken());
        assertFalse(HttpSettings.fromConfig("[::1]:8080", null).requireToken());
        assertTrue(HttpSettings.fromConfig("0.0.0.0:8080", "t").requireToken());
        assertTrue(HttpSettings.fromConfig("192.168.1.10:8080", "t").requireToken());
        assertFalse(HttpSettings.fromConfig(null, null).requireToken(), "default listen is loopback");
        var e = assertThrows(IllegalArgumentException.class, () -> HttpSettings.fromConfig("0.0.0.0:8080", null));
        assertEquals("http.token is required when http.listen is not a loopback address", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpSettings.fromConfig("8080", null));
        assertThrows(IllegalArgumentException.class, () -> HttpSettings.fromConfig("127.0.0.1:99999", null));
    }
}
