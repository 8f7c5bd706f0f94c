package piot.gateway.router;

/**
 * What a {@link Middleware} decides about one message: go on, or refuse it with a status code
 * ({@code not-authorized}, {@code rate-limited}, …) and a reason a person can act on.
 */
public sealed interface Verdict {
    Verdict ACCEPT = new Accept();

    record Accept() implements Verdict {}

    record Refuse(String code, String reason) implements Verdict {}

    static Verdict refuse(String code, String reason) {
        return new Refuse(code, reason);
    }
}
