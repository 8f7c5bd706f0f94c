package piot.gateway.mesh.codec;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * An application message as the mesh carries it, end to end. {@code type} is an open name the
 * router defines (event, action, action-status, rpc, rpc-reply, routing, subscription, …).
 * {@code created} and {@code expiryMillis} are wall-clock milliseconds ({@code expiryMillis} 0 =
 * never expires); {@code sourceSeq} is the source node's own sequence for end-to-end dedupe.
 */
public record Envelope(UUID id, String type, String source, String destination, int hopLimit,
                       long created, long expiryMillis, long sourceSeq, byte[] body) {
    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(body, "body");
        if (hopLimit < 0 || hopLimit > 255) {
            throw new IllegalArgumentException("hop limit must be 0..255: " + hopLimit);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && e.id.equals(id) && e.type.equals(type) && e.source.equals(source)
                && e.destination.equals(destination) && e.hopLimit == hopLimit && e.created == created
                && e.expiryMillis == expiryMillis && e.sourceSeq == sourceSeq && Arrays.equals(e.body, body);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Envelope[" + type + " " + id + " " + source + "->" + destination + " seq=" + sourceSeq
                + ", " + body.length + " bytes]";
    }
}
