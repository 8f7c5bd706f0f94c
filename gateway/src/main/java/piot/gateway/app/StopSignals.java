package piot.gateway.app;

import java.util.List;

/**
 * SIGTERM and SIGINT as a callback, so {@code piot run} can close the gateway and exit 0 (a JVM
 * that merely runs shutdown hooks on SIGTERM exits 143, which systemd reports as a failure).
 */
final class StopSignals {
    private static final System.Logger LOG = System.getLogger(StopSignals.class.getName());

    private StopSignals() {}

    /** Runs {@code onHangup} on SIGHUP ({@code systemctl reload piot}); without it SIGHUP would end the JVM. */
    @SuppressWarnings("removal")
    static void onHangup(Runnable onHangup) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> onHangup.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot handle SIGHUP; reload by restarting instead");
        }
    }

    /** Runs {@code onStop} on SIGTERM or SIGINT; a signal the JVM will not hand over keeps its default action. */
    @SuppressWarnings("removal")
    static void onStop(Runnable onStop) {
        for (String name : List.of("TERM", "INT")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> onStop.run());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot handle SIG{0}; it will end the process without a clean exit code", name);
            }
        }
    }
}
