package piot.gateway.status;

import java.time.Instant;
import java.util.Objects;

/**
 * An error a person should see: a sensor fault, a refused peer, a failed action.
 *
 * @param ts      when it happened (wall clock)
 * @param source  where: a thing ({@code node/thing}), a peer name, or a subsystem
 * @param message what went wrong, one line
 */
public record ErrorInfo(Instant ts, String source, String message) {
    public ErrorInfo {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }
}
