package piot.gateway.mesh.codec;

/**
 * The outcome of decoding one message payload: a value or the reason it was refused. Decoders
 * return this instead of throwing so they can be fuzzed and so a protocol error is handled in one
 * place (the session closes with a reason).
 */
public sealed interface Decoded<T> {
    /** A well-formed value. */
    record Ok<T>(T value) implements Decoded<T> {}

    /** A malformed payload, with a reason for logs and CLOSE frames. */
    record Bad<T>(String reason) implements Decoded<T> {}

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> bad(String reason) {
        return new Bad<>(reason);
    }
}
