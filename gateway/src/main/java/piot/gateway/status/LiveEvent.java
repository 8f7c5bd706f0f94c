package piot.gateway.status;

import java.util.Objects;

/** A live event pushed by the model to subscribers (and on to {@code GET /api/events}). */
public sealed interface LiveEvent {

    /** A new reading (or actuator state) of one key of a thing. */
    record Reading(String node, String thing, KeyValue value) implements LiveEvent {
        public Reading {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(thing, "thing");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A status update of an action; {@code action} carries the whole history up to it. */
    record ActionUpdate(ActionHistory action) implements LiveEvent {
        public ActionUpdate {
            Objects.requireNonNull(action, "action");
        }
    }

    /** A peer went up or down (or its holding depth changed). */
    record Peer(PeerInfo peer) implements LiveEvent {
        public Peer {
            Objects.requireNonNull(peer, "peer");
        }
    }

    /** An error happened. */
    record Error(ErrorInfo error) implements LiveEvent {
        public Error {
            Objects.requireNonNull(error, "error");
        }
    }
}
