package piot.gateway.mesh;

/**
 * Seeded faults applied to a node's outgoing frames after the session handshake, above TLS: each
 * frame is independently dropped, duplicated, held back behind the next frame (reordered),
 * corrupted (one byte flipped, so the receiver's frame CRC32C refuses it and the connection is
 * dropped, as a real network's corruption would kill a TLS record), or the connection is cut
 * abruptly. Probabilities are per frame, 0..1. Frames carrying nothing but HELLO are faulted too.
 */
public record FaultPlan(long seed, double drop, double duplicate, double reorder, double corrupt, double cut) {
    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, 0, 0);

    public boolean any() {
        return drop > 0 || duplicate > 0 || reorder > 0 || corrupt > 0 || cut > 0;
    }
}
