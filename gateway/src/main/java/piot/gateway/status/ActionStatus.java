package piot.gateway.status;

/** Delivery status of an action (SPEC): exactly one of the final ones ends every action. */
public enum ActionStatus {
    PENDING, DELIVERED, COMPLETED, FAILED, EXPIRED;

    /** Whether no further update follows. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == EXPIRED;
    }

    /** The lower-case wire name, as in the API and MQTT. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
