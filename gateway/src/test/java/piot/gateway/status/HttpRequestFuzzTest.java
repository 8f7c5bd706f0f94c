package piot.gateway.status;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The HTTP API's request handling, fed any method, path, headers and body: it always answers
 * (never throws, never a 500), and nothing is submitted without the right bearer token.
 */
class HttpRequestFuzzTest {
    static final String TOKEN = "s3cret-token";
    static final HttpSettings SETTINGS = new HttpSettings(new InetSocketAddress("0.0.0.0", 0), TOKEN, true,
            Duration.ofSeconds(10), 64, 4096, Duration.ofSeconds(15), 16);

    @FuzzTest(maxDuration = "20s")
    void everyRequestGetsAnAnswerAndNoWriteWithoutTheToken(FuzzedDataProvider data) throws IOException {
        String method = data.pickValue(new String[] {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", data.consumeString(8)});
        String rawPath = data.consumeString(200);
        String contentType = data.consumeBoolean() ? "application/json" : data.consumeString(40);
        String contentLength = data.consumeBoolean() ? null : data.consumeString(12);
        String authorization = data.pickValue(new String[] {"", "Bearer " + TOKEN, "bearer " + TOKEN, data.consumeString(40)});
        byte[] body = data.consumeRemainingAsBytes();
        URI uri;
        try {
            uri = new URI(rawPath.startsWith("/") ? rawPath : "/" + rawPath);
        } catch (URISyntaxException e) {
            return; // the HTTP server answers 400 before any handler sees it
        }
        if (uri.getRawPath() == null || uri.getRawPath().contains("events")) {
            return; // the event stream is a long-lived response, exercised by EventStreamTest
        }
        FakeModel model = new FakeModel();
        model.autoComplete = false;
        Metrics metrics = new Metrics();
        PiotMetrics handles = PiotMetrics.register(metrics);
        ApiHandler handler = new ApiHandler(model, SETTINGS, new EventHub(model, SETTINGS.keepAlive(), SETTINGS.eventQueue(), handles), handles);
        Exchange ex = new Exchange(method, uri, body);
        try {
            if (!contentType.isEmpty()) {
                ex.requestHeaders.add("Content-Type", contentType);
            }
            if (contentLength != null) {
                ex.requestHeaders.add("Content-Length", contentLength);
            }
            if (!authorization.isEmpty()) {
                ex.requestHeaders.add("Authorization", authorization);
            }
        } catch (IllegalArgumentException e) {
            return; // a CR or LF in a header value: the HTTP server never hands such a request on
        }
        handler.handle(ex);
        assertTrue(ex.status >= 200 && ex.status < 600, "answered with a status: " + ex.status);
        assertNotEquals(500, ex.status, () -> method + " " + uri + " failed inside: " + ex.response);
        if (!model.submitted.isEmpty()) {
            assertTrue(authorization.regionMatches(true, 0, "Bearer ", 0, 7) && authorization.substring(7).trim().equals(TOKEN),
                    "an action was submitted without the token: " + authorization);
        }
    }

    /** A request as the JDK server hands it to a handler, answered into memory. */
    static final class Exchange extends HttpExchange {
        final Headers requestHeaders = new Headers();
        final Headers responseHeaders = new Headers();
        final ByteArrayOutputStream response = new ByteArrayOutputStream();
        final String method;
        final URI uri;
        final InputStream body;
        int status;

        Exchange(String method, URI uri, byte[] body) {
            this.method = method;
            this.uri = uri;
            this.body = new ByteArrayInputStream(body);
        }

        @Override public Headers getRequestHeaders() { return requestHeaders; }
        @Override public Headers getResponseHeaders() { return responseHeaders; }
        @Override public URI getRequestURI() { return uri; }
        @Override public String getRequestMethod() { return method; }
        @Override public HttpContext getHttpContext() { return null; }
        @Override public void close() { }
        @Override public InputStream getRequestBody() { return body; }
        @Override public OutputStream getResponseBody() { return response; }
        @Override public void sendResponseHeaders(int code, long length) { status = code; }
        @Override public InetSocketAddress getRemoteAddress() { return new InetSocketAddress("192.0.2.7", 40000); }
        @Override public int getResponseCode() { return status; }
        @Override public InetSocketAddress getLocalAddress() { return new InetSocketAddress("127.0.0.1", 8080); }
        @Override public String getProtocol() { return "HTTP/1.1"; }
        @Override public Object getAttribute(String name) { return null; }
        @Override public void setAttribute(String name, Object value) { }
        @Override public void setStreams(InputStream i, OutputStream o) { }
        @Override public HttpPrincipal getPrincipal() { return null; }
    }
}
