package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The retained-command and default id/expiry rules. */
class CommandPolicyTest {
    static final long NOW = 1_795_341_600_000L;
    static final long DEFAULT = 30_000;

    static CommandPolicy.Decision decide(Command c, boolean retained) {
        return CommandPolicy.decide(c, retained, NOW, DEFAULT, () -> "fresh");
    }

    @Test
    void aBareLiveValueGetsAFreshIdAndTheDefaultExpiry() {
        assertEquals(new CommandPolicy.Submit("fresh", NOW + DEFAULT),
                decide(new Command("on", Optional.empty(), OptionalLong.empty()), false));
    }

    @Test
    void aLiveCommandKeepsItsOwnIdAndExpiryEvenWhenPastSoTheExecutorAnswersExpired() {
        assertEquals(new CommandPolicy.Submit("c1", NOW - 1),
                decide(new Command("on", Optional.of("c1"), OptionalLong.of(NOW - 1)), false));
    }

    @Test
    void aRetainedCommandRunsOnlyWithItsOwnIdAndAnExpiryStillAhead() {
        assertInstanceOf(CommandPolicy.Ignore.class, decide(new Command("on", Optional.empty(), OptionalLong.empty()), true));
        assertInstanceOf(CommandPolicy.Ignore.class, decide(new Command("on", Optional.of("c1"), OptionalLong.empty()), true));
        assertInstanceOf(CommandPolicy.Ignore.class, decide(new Command("on", Optional.empty(), OptionalLong.of(NOW + 5)), true));
        assertInstanceOf(CommandPolicy.Ignore.class, decide(new Command("on", Optional.of("c1"), OptionalLong.of(NOW)), true));
        assertEquals(new CommandPolicy.Submit("c1", NOW + 5),
                decide(new Command("on", Optional.of("c1"), OptionalLong.of(NOW + 5)), true));
    }
}
