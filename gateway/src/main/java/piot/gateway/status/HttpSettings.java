package piot.gateway.status;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the status server listens and what it allows.
 *
 * @param bind           address to listen on (port 0 = any free port)
 * @param token          the bearer token for requests that change something, or {@code null}
 * @param requireToken   whether POST requests need the token; {@link #fromConfig} sets it when the
 *                       configured listen address is not loopback
 * @param requestTimeout how long a client may take to send one request (headers and body) before
 *                       the connection is closed (slow-loris defence)
 * @param maxConnections open connections at most; further ones are closed at once
 * @param maxBodyBytes   largest request body accepted (413 beyond)
 * @param keepAlive      interval of keep-alive comments on the event stream
 * @param eventQueue     events buffered per event-stream client before they are dropped
 * @param liveDiff       how often peers and things are compared for appearing, changing and
 *                       disappearing ones, which the event stream then announces
 */
public record HttpSettings(InetSocketAddress bind, String token, boolean requireToken, Duration requestTimeout,
                           int maxConnections, int maxBodyBytes, Duration keepAlive, int eventQueue, Duration liveDiff) {
    /** Default listen address. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:8080";

    public HttpSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(liveDiff, "liveDiff");
        if (requireToken && (token == null || token.isBlank())) {
            throw new IllegalArgumentException("http.token is required when http.listen is not a loopback address");
        }
        if (requestTimeout.toSeconds() < 1) throw new IllegalArgumentException("requestTimeout must be at least 1s");
        if (maxConnections < 1 || maxBodyBytes < 1 || eventQueue < 1) throw new IllegalArgumentException("limits must be positive");
        if (keepAlive.isNegative() || keepAlive.isZero()) throw new IllegalArgumentException("keepAlive must be positive");
        if (liveDiff.isNegative() || liveDiff.isZero()) throw new IllegalArgumentException("liveDiff must be positive");
    }

    /** Settings that compare peers and things every second. */
    public HttpSettings(InetSocketAddress bind, String token, boolean requireToken, Duration requestTimeout,
                        int maxConnections, int maxBodyBytes, Duration keepAlive, int eventQueue) {
        this(bind, token, requireToken, requestTimeout, maxConnections, maxBodyBytes, keepAlive, eventQueue, Duration.ofSeconds(1));
    }

    /**
     * Settings from the config's {@code http: { listen, token }}: the token is required exactly when
     * {@code listen} is not a loopback address. Throws {@link IllegalArgumentException} with a clear
     * message for a malformed address or a missing token.
     */
    public static HttpSettings fromConfig(String listen, String token) {
        InetSocketAddress bind = parseListen(listen == null ? DEFAULT_LISTEN : listen);
        boolean loopback = bind.getAddress().isLoopbackAddress();
        return new HttpSettings(bind, token, !loopback, Duration.ofSeconds(10), 64, 64 * 1024, Duration.ofSeconds(15), 256);
    }

    /** The same settings listening on another address; the token rule stays as configured. */
    public HttpSettings withBind(InetSocketAddress newBind) {
        return new HttpSettings(newBind, token, requireToken, requestTimeout, maxConnections, maxBodyBytes, keepAlive, eventQueue, liveDiff);
    }

    /** The same settings with other event-stream parameters. */
    public HttpSettings withEvents(Duration newKeepAlive, int newEventQueue) {
        return new HttpSettings(bind, token, requireToken, requestTimeout, maxConnections, maxBodyBytes, newKeepAlive, newEventQueue, liveDiff);
    }

    /** The same settings comparing peers and things every {@code interval}. */
    public HttpSettings withLiveDiff(Duration interval) {
        return new HttpSettings(bind, token, requireToken, requestTimeout, maxConnections, maxBodyBytes, keepAlive, eventQueue, interval);
    }

    /** The same settings with another request timeout. */
    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(bind, token, requireToken, timeout, maxConnections, maxBodyBytes, keepAlive, eventQueue, liveDiff);
    }

    static InetSocketAddress parseListen(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("http.listen must be HOST:PORT, got '" + listen + "'");
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("http.listen port must be a number 0-65535, got '" + listen + "'");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("http.listen port must be 0-65535, got " + port);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("http.listen host is unknown: " + host);
        }
    }
}
