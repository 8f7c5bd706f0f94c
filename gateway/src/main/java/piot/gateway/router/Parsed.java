package piot.gateway.router;

import java.util.function.Function;

/**
 * The outcome of parsing or decoding untrusted input: a value, or a human-readable reason why the
 * input was refused. Parsers in this package return it instead of throwing.
 *
 * @param <T> the parsed value's type
 */
public sealed interface Parsed<T> {

    /** The input was valid. */
    record Ok<T>(T value) implements Parsed<T> {}

    /** The input was refused; {@code reason} says what is wrong and, where useful, what is allowed. */
    record Malformed<T>(String reason) implements Parsed<T> {}

    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Parsed<T> malformed(String reason) {
        return new Malformed<>(reason);
    }

    /** The value, or an {@link IllegalArgumentException} with the reason: for trusted input only. */
    default T orThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Malformed<T> bad -> throw new IllegalArgumentException(bad.reason());
        };
    }

    default <R> Parsed<R> map(Function<T, R> f) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
            case Malformed<T> bad -> new Malformed<>(bad.reason());
        };
    }
}
