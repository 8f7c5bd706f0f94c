package piot.gateway.status;

import java.time.Duration;
import java.util.Objects;

/**
 * A request to run an action, as the API received it.
 *
 * @param node      owning node of the thing
 * @param thing     thing id
 * @param action    action name
 * @param value     a {@link Number}, {@link Boolean}, {@link String}, or {@code null} for none
 * @param expiry    how long the request stays valid; it must never run after that
 * @param requester who asked, for logs and authorization: {@code http} or {@code http:ADDRESS}
 */
public record ActionRequest(String node, String thing, String action, Object value, Duration expiry, String requester) {
    public ActionRequest {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(thing, "thing");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(requester, "requester");
        if (expiry.isNegative() || expiry.isZero()) throw new IllegalArgumentException("expiry must be positive");
    }
}
