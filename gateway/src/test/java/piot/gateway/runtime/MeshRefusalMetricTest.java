package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.app.Gateway;
import piot.gateway.config.DeviceConfig;

/** A refused mesh connection reaches the operator: counted on /metrics by reason and listed on /api/errors. */
class MeshRefusalMetricTest {
    @TempDir
    Path dir;

    @Test
    void aPlainTcpConnectionToTheMeshPortIsCountedAndShownAsAnError() throws Exception {
        TestMesh net = new TestMesh(dir, "home");
        net.issue("barn-1");
        DeviceConfig c = net.config("barn-1", net.node("barn-1", 0) + net.security("barn-1") + "http: { listen: 127.0.0.1:0 }\n");
        HttpClient http = HttpClient.newHttpClient();
        try (Gateway g = Gateway.create(c, true)) {
            g.start();
            try (Socket s = new Socket("127.0.0.1", g.meshPort())) {
                s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
                s.setSoTimeout(10_000);
                s.getInputStream().read();
            } catch (IOException e) {
                // the gateway hanging up is the expected outcome
            }
            URI metrics = g.httpUri().resolve("/metrics");
            TestMesh.await("the refusal on /metrics", Duration.ofSeconds(20),
                    () -> get(http, metrics).contains("piot_mesh_refused_total{reason=\"tls\"} 1"));
            String errors = get(http, g.httpUri().resolve("/api/errors"));
            assertTrue(errors.contains("refused connection") && errors.contains("mesh"), errors);
        }
    }

    static String get(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
