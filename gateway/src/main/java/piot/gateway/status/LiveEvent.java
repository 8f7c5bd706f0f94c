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

    /** A peer is no longer known (its link was removed and no route reaches it). */
    record PeerRemoved(String name) implements LiveEvent {
        public PeerRemoved {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A thing appeared, or its definition (type, keys, actions) changed; carries the whole thing. */
    record ThingChanged(ThingInfo thing) implements LiveEvent {
        public ThingChanged {
            Objects.requireNonNull(thing, "thing");
        }
    }

    /** A thing is no longer in the directory. */
    record ThingRemoved(String node, String thing) implements LiveEvent {
        public ThingRemoved {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(thing, "thing");
        }
    }

    /** An error happened. */
    record Error(ErrorInfo error) implements LiveEvent {
        public Error {
            Objects.requireNonNull(error, "error");
        }
    }
}
