package piot.gateway.uplink;

import java.util.Objects;

/**
 * How the bridge hands a command from MQTT to the gateway: the gateway turns it into a mesh action
 * requested by this node (router {@code requestAction}) and later reports every status of it back
 * through {@link MqttBridge#onActionStatus}. Called on the bridge's command thread, one command at
 * a time in arrival order; it should not block for long.
 */
@FunctionalInterface
public interface ActionSubmitter {

    /**
     * Requests {@code action} of {@code thing} on {@code node} with {@code value} (text of a JSON
     * scalar: {@code on}, {@code 0.5}, {@code true}); {@code requestId} is the command's id (the
     * executor runs an id at most once) and {@code expiryWallMillis} the absolute wall time after
     * which it must not run.
     */
    Submission submit(String node, String thing, String action, String value, String requestId, long expiryWallMillis);

    /** What the gateway did with a command. */
    sealed interface Submission {
        /** Taken: its statuses will follow through {@link MqttBridge#onActionStatus}. */
        record Accepted() implements Submission {}

        /** Not taken (unknown thing, bad value, …): the bridge publishes {@code failed} with the reason. */
        record Refused(String reason) implements Submission {
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
