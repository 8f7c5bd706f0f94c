package piot.gateway.status;

import java.util.Objects;

/** The outcome of {@link StatusModel#submit}: accepted with an id, or refused with a reason. */
public sealed interface ActionSubmission {

    /** The request is durable and will end in exactly one final status. */
    record Accepted(String id) implements ActionSubmission {
        public Accepted {
            Objects.requireNonNull(id, "id");
        }
    }

    /** The request was refused and nothing changed. */
    record Refused(Reason reason, String message) implements ActionSubmission {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why a request was refused; each maps to one HTTP status. */
    enum Reason {
        /** No such node/thing in the directory (404). */
        UNKNOWN_THING(404),
        /** The thing has no such action (404). */
        UNKNOWN_ACTION(404),
        /** The value is not valid for the action (400). */
        BAD_VALUE(400),
        /** This node may not actuate that thing (403). */
        FORBIDDEN(403),
        /** Holding is full or the gateway is shutting down (503). */
        UNAVAILABLE(503);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status the API answers with. */
        public int httpStatus() {
            return httpStatus;
        }
    }
}
