package piot.gateway.holding;

import java.nio.file.Path;
import java.time.Duration;
import piot.time.Clock;
import piot.time.ManualClock;

/** Opening stores the way the tests need them. */
final class Stores {
    private Stores() {}

    static final long START_WALL = 1_790_000_000_000L;

    static ManualClock clock() {
        return new ManualClock(0, START_WALL);
    }

    static NodeStore open(Path dir, Clock clock) {
        return NodeStore.open(dir, HoldingConfig.defaults().withGroupCommit(Duration.ofMillis(1)), clock);
    }

    static NodeStore open(Path dir, HoldingConfig config, Clock clock) {
        return NodeStore.open(dir, config, clock);
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
