package piot.gateway.fleet;

import java.util.Objects;

/**
 * Bodies of the fleet envelopes, carried end to end over the mesh like router messages (held in
 * holding for their next hop, resent after a broken link). Wire form: {@link FleetCodec}.
 */
public sealed interface FleetMessage {
    /** Envelope type of this body. */
    String type();

    /** What a transferred file is for on the receiver. */
    enum Kind {
        /** Kept in the fleet inbox only. */
        FILE,
        /** A device-file bundle: validated, applied, health-checked, rolled back if unhealthy. */
        CONFIG,
        /** A piot .deb: installed by the node's installer, rolled back if unhealthy. */
        RELEASE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One chunk of file {@code transfer}. Every chunk repeats the file's description, so chunks
     * can arrive in any order and a receiver restarted mid-transfer needs no other state.
     *
     * @param sha256    hex SHA-256 of the whole file, checked once every chunk is in
     * @param signature detached CMS signature of the whole file (may be empty: refused for configs and releases)
     */
    record Chunk(String transfer, Kind kind, String name, long size, String sha256, int index, int count,
                 byte[] data, byte[] signature) implements FleetMessage {
        public Chunk {
            Objects.requireNonNull(transfer, "transfer");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(signature, "signature");
            if (index < 0 || count < 1 || index >= count) {
                throw new IllegalArgumentException("chunk " + index + " of " + count);
            }
        }

        public String type() {
            return "file-chunk";
        }
    }

    /**
     * The receiver's progress on {@code transfer}: {@code received} chunks are stored, and the
     * state of the file there. Also the flow-control credit: the sender keeps at most a window of
     * chunks beyond {@code received} in flight.
     */
    record Status(String transfer, int received, State state, String detail) implements FleetMessage {
        public Status {
            Objects.requireNonNull(transfer, "transfer");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(detail, "detail");
        }

        public String type() {
            return "file-status";
        }
    }

    /** Where a file stands on one node. */
    enum State {
        /** Queued at the sender; the node has not answered yet (maybe offline). */
        PENDING,
        /** Chunks arriving. */
        RECEIVING,
        /** Complete and verified (hash, signature); a plain file ends here. */
        RECEIVED,
        /** Refused: bad hash, bad or missing signature, invalid config; nothing changed. */
        REFUSED,
        /** Being applied / installed; health check running. */
        APPLYING,
        /** Applied and healthy. */
        APPLIED,
        /** Applied, not healthy within the deadline, previous version restored. */
        ROLLED_BACK,
        /** Applied, unhealthy, and the rollback failed too: needs a visit. */
        FAILED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public boolean isFinal() {
            return this == RECEIVED || this == REFUSED || this == APPLIED || this == ROLLED_BACK || this == FAILED;
        }

        static State fromWire(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }
}
