package piot.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A client that sends its request slowly (slow-loris) loses its connection; nothing is submitted. */
class SlowClientTest {

    /** Reads until the server closes (-1) or the 20 s read timeout says it never will. */
    static String readUntilClosed(Socket s) throws IOException {
        s.setSoTimeout(20_000); // beyond the default 10 s request timeout, in case another test started the first server
        InputStream in = s.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a slow connection open");
        }
    }

    @Test
    void unfinishedHeadersAreCutOff() throws IOException {
        try (StatusServer server = StatusServer.start(new FakeModel(), TestServers.loopback());
             Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /api/node HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readUntilClosed(s);
            assertEquals(200, TestServers.get(server, "/api/node").statusCode(), "others are still served");
        }
    }

    @Test
    void connectionsOverTheCapAreRefusedUntilIdleOnesAreClosed() throws IOException {
        try (StatusServer server = StatusServer.start(new FakeModel(), TestServers.loopback())) {
            int cap = Integer.getInteger("jdk.httpserver.maxConnections");
            java.util.List<Socket> idle = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < cap; i++) idle.add(new Socket("127.0.0.1", server.address().getPort()));
                boolean refused;
                try {
                    refused = TestServers.get(server, "/api/node").statusCode() != 200;
                } catch (java.io.UncheckedIOException e) {
                    refused = true;
                }
                assertTrue(refused, "connection " + (cap + 1) + " is not served while " + cap + " are open");
                // Connections that never send a request are closed after the request timeout.
                TestServers.await("idle connections closed and the API served again", java.time.Duration.ofSeconds(20), () -> {
                    try {
                        return TestServers.get(server, "/api/node").statusCode() == 200;
                    } catch (java.io.UncheckedIOException e) {
                        return false;
                    }
                });
            } finally {
                for (Socket s : idle) s.close();
            }
        }
    }

    @Test
    void unfinishedBodyIsCutOffAndNothingIsSubmitted() throws IOException {
        FakeModel model = new FakeModel();
        try (StatusServer server = StatusServer.start(model, TestServers.loopback());
             Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/actions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
                    + "{\"node\":\"greenhouse-1\",").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readUntilClosed(s);
            assertTrue(answer.isEmpty() || !answer.startsWith("HTTP/1.1 202"), answer);
            assertTrue(model.submitted.isEmpty());
        }
    }
}
