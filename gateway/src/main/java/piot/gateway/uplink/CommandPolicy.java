package piot.gateway.uplink;

import java.util.function.Supplier;

/**
 * Whether a decoded command may run, and with which id and expiry. The rules (docs/mqtt.md):
 * <ul>
 *   <li>A command without an id gets a fresh one; without an expiry, {@code now + defaultExpiry}.</li>
 *   <li>A command delivered with the retain flag (a retained message, replayed by the broker on
 *       subscribe) runs only when it carries its own id and an expiry still in the future;
 *       otherwise it is ignored, so a stale retained "on" never moves an actuator on reconnect.</li>
 *   <li>A command whose explicit expiry has passed is still handed on: the executor answers it
 *       {@code expired}, so the sender sees a final status.</li>
 * </ul>
 * Replays of the same id are the executor's to drop (at most once per id).
 */
final class CommandPolicy {
    private CommandPolicy() {}

    sealed interface Decision {}

    /** Run it with this id and expiry. */
    record Submit(String id, long expiryWallMillis) implements Decision {}

    /** Do not run it; log why. */
    record Ignore(String reason) implements Decision {}

    static Decision decide(Command c, boolean retained, long nowWallMillis, long defaultExpiryMillis, Supplier<String> freshId) {
        if (retained) {
            if (c.id().isEmpty() || c.expiry().isEmpty()) {
                return new Ignore("retained command without its own id and expiry ignored: a retained command "
                        + "is replayed on every reconnect, so it must say until when it is valid");
            }
            if (c.expiry().getAsLong() <= nowWallMillis) {
                return new Ignore("retained command " + c.id().get() + " ignored: its expiry has passed");
            }
        }
        String id = c.id().orElseGet(freshId);
        long expiry = c.expiry().isPresent() ? c.expiry().getAsLong() : nowWallMillis + defaultExpiryMillis;
        return new Submit(id, expiry);
    }
}
