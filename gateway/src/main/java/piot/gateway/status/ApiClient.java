package piot.gateway.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/** The operator CLI's client of the HTTP API (java.net.http); answers are values, never exceptions. */
public final class ApiClient {
    /** Where {@code piot status} and friends look when no {@code --url} is given. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base    the gateway's base URL, e.g. {@code http://127.0.0.1:8080}
     * @param token   bearer token for POST requests, or {@code null}
     * @param timeout per-request timeout
     */
    public ApiClient(URI base, String token, Duration timeout) {
        this.base = Objects.requireNonNull(base, "base");
        this.token = token == null || token.isBlank() ? null : token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The outcome of one request. */
    public sealed interface Answer {
        /** A 2xx answer with its JSON body. */
        record Ok(int status, JsonNode body) implements Answer {}

        /** A 4xx/5xx answer: the server's {@code error} code and {@code message}. */
        record Refused(int status, String error, String message) implements Answer {}

        /** The gateway could not be reached or answered something that is not the API. */
        record Unreachable(String message) implements Answer {}
    }

    /** {@code GET path}. */
    public Answer get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).GET());
    }

    /** {@code POST path} with a JSON body, with the token when one was given. */
    public Answer post(String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b);
    }

    /**
     * The JSON body of {@code GET path}, or {@code null} after printing why (refusal or unreachable)
     * to {@code err} as one {@code piot: ...} line: what the CLI commands want.
     */
    public JsonNode fetchOrExplain(String path, java.io.PrintWriter err) {
        Answer a = get(path);
        if (a instanceof Answer.Ok ok) return ok.body();
        err.println("piot: " + explain(path, a));
        err.flush();
        return null;
    }

    /** One line saying why a request did not succeed. */
    public static String explain(String path, Answer a) {
        return switch (a) {
            case Answer.Ok ok -> path + ": HTTP " + ok.status();
            case Answer.Refused r -> path + ": HTTP " + r.status() + " " + r.error() + ": " + r.message();
            case Answer.Unreachable u -> u.message();
        };
    }

    /** The base URL. */
    public URI base() {
        return base;
    }

    private URI resolve(String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    private Answer send(HttpRequest.Builder b) {
        HttpResponse<String> r;
        try {
            r = http.send(b.timeout(timeout).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return new Answer.Unreachable("cannot reach piot at " + base + ": connection refused (is the gateway running? try --url)");
        } catch (HttpTimeoutException e) {
            return new Answer.Unreachable("piot at " + base + " did not answer within " + Durations.format(timeout));
        } catch (IOException e) {
            return new Answer.Unreachable("cannot reach piot at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Unreachable("interrupted");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            return new Answer.Unreachable(base + " answered HTTP " + r.statusCode() + " with something that is not the piot API");
        }
        if (r.statusCode() / 100 == 2) return new Answer.Ok(r.statusCode(), json);
        return new Answer.Refused(r.statusCode(), json.path("error").asText("http-" + r.statusCode()),
                json.path("message").asText("HTTP " + r.statusCode()));
    }
}
