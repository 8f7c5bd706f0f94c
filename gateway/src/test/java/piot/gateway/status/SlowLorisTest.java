package piot.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow-loris: clients that trickle their headers one byte at a time hold a connection each, but
 * never a thread the others need, and the request timeout closes them. Oversized headers close
 * the connection; the server carries on.
 */
class SlowLorisTest {
    static final int SLOW_CLIENTS = 16;
    StatusServer server;
    final List<Socket> sockets = new ArrayList<>();
    final List<Thread> tricklers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = StatusServer.start(new FakeModel(), TestServers.loopback());
    }

    @AfterEach
    void stop() throws IOException {
        tricklers.forEach(Thread::interrupt);
        for (Socket s : sockets) s.close();
        server.close();
    }

    /** True once the server has closed {@code s}: end of stream or a reset, before {@code timeout}. */
    static boolean closedByServer(Socket s, Duration timeout) throws IOException {
        s.setSoTimeout((int) timeout.toMillis());
        InputStream in = s.getInputStream();
        try {
            for (int i = 0; i < 1_000_000; i++) {
                if (in.read() < 0) return true;
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    @Test
    void clientsTricklingTheirHeadersDoNotHoldUpOthersAndAreCutOff() throws Exception {
        AtomicInteger trickled = new AtomicInteger();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            Socket s = new Socket("127.0.0.1", server.address().getPort());
            sockets.add(s);
            OutputStream out = s.getOutputStream();
            out.write("GET /api/node HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            tricklers.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int n = 0; n < 600; n++) {
                        out.write('a');
                        out.flush();
                        trickled.incrementAndGet();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // cut off by the server (or the test ended): what we want
                }
            }));
        }
        TestServers.await("every slow client trickling", Duration.ofSeconds(10), () -> trickled.get() >= SLOW_CLIENTS * 3);
        // While they trickle, everyone else is answered.
        for (int i = 0; i < 30; i++) {
            assertEquals(200, TestServers.get(server, "/api/node").statusCode());
            assertEquals(200, TestServers.get(server, "/api/things").statusCode());
        }
        for (Socket s : sockets) {
            assertTrue(closedByServer(s, Duration.ofSeconds(30)), "a trickling client is cut off by the request timeout");
        }
        tricklers.forEach(Thread::interrupt);
        assertEquals(200, TestServers.get(server, "/api/node").statusCode(), "and the server carries on");
    }

    @Test
    void oversizedHeadersCloseTheConnectionUnanswered() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            OutputStream out = s.getOutputStream();
            String big = "x".repeat(StatusServer.MAX_HEADER_BYTES + 1024);
            out.write(("GET /api/node HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.setSoTimeout(15_000);
            byte[] answer = readAll(s);
            assertFalse(new String(answer, StandardCharsets.US_ASCII).contains("200"), "not served");
        }
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            StringBuilder req = new StringBuilder("GET /api/node HTTP/1.1\r\nHost: x\r\n");
            for (int i = 0; i <= StatusServer.MAX_HEADERS; i++) req.append("X-H").append(i).append(": v\r\n");
            s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(15_000);
            assertFalse(new String(readAll(s), StandardCharsets.US_ASCII).contains("200"), "too many headers: not served");
        }
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            String fits = "x".repeat(StatusServer.MAX_HEADER_BYTES - 4096);
            s.getOutputStream().write(("GET /api/node HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: " + fits + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(15_000);
            assertTrue(new String(readAll(s), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"), "a header under the limit is served");
        }
        assertEquals(200, TestServers.get(server, "/api/node").statusCode(), "normal requests still are");
    }

    private static byte[] readAll(Socket s) throws IOException {
        try {
            return s.getInputStream().readAllBytes();
        } catch (SocketException e) {
            return new byte[0];
        }
    }
}
