package piot.gateway.holding;

import java.util.Objects;

/**
 * One message to hold for one peer, with the options that decide how it is kept.
 *
 * @param peer the next hop's node name
 * @param message the encoded message (the store only keeps bytes)
 * @param kind selects the time-to-live
 * @param hold {@link HoldPolicy#LATEST} needs a {@code conflationKey}
 * @param conflationKey e.g. {@code "greenhouse-1/air/temperature"}; null unless hold is LATEST
 */
public record Append(String peer, byte[] message, MessageKind kind, HoldPolicy hold, String conflationKey) {

    public Append {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hold, "hold");
        if (peer.isBlank()) {
            throw new IllegalArgumentException("peer name must not be blank");
        }
        if (hold == HoldPolicy.LATEST && (conflationKey == null || conflationKey.isEmpty())) {
            throw new IllegalArgumentException("hold: latest needs a conflation key (thing + key)");
        }
    }

    /** An event held in full: what {@link SqliteLinkStore#append(String, byte[])} uses. */
    public static Append event(String peer, byte[] message) {
        return new Append(peer, message, MessageKind.EVENT, HoldPolicy.ALL, null);
    }

    /** An action request held in full (TTL {@code holding.ttl.action}). */
    public static Append action(String peer, byte[] message) {
        return new Append(peer, message, MessageKind.ACTION, HoldPolicy.ALL, null);
    }

    /** A reading of which only the newest per {@code conflationKey} is kept. */
    public static Append latest(String peer, byte[] message, String conflationKey) {
        return new Append(peer, message, MessageKind.EVENT, HoldPolicy.LATEST, conflationKey);
    }
}
