package piot.gateway.fleet;

import java.util.Set;
import piot.gateway.config.DeviceConfig;
import piot.gateway.status.StatusModel;

/** A gateway whose configuration can be swapped in process (the gateway implements it). */
public interface Reloadable {
    /** The configuration running now. */
    DeviceConfig config();

    /**
     * Stops the running parts and starts them again with {@code next}; the store (holding, node
     * state) is closed and reopened, so nothing held is lost; sessions go down and are dialled
     * again. Throws when {@code next} cannot start (nothing is running then).
     */
    void restart(DeviceConfig next);

    /** Peers with a live session now. */
    Set<String> sessionsUp();

    /** The running gateway's status (directory with the latest readings). */
    StatusModel status();
}
