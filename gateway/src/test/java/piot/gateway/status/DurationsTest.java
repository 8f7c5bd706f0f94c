package piot.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesEveryUnitAndRejectsTheRest() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms").orElseThrow());
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s").orElseThrow());
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m").orElseThrow());
        assertEquals(Duration.ofHours(1), Durations.parse("1h").orElseThrow());
        assertEquals(Duration.ofDays(7), Durations.parse("7d").orElseThrow());
        for (String bad : new String[] {"", "30", "s", "-1s", "1.5s", "30 s", "30S", "1w", "9999999999s"}) {
            assertTrue(Durations.parse(bad).isEmpty(), bad);
        }
    }

    @Property
    void formatThenParseIsIdentity(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long ms) {
        Duration d = Duration.ofMillis(ms);
        String text = Durations.format(d);
        if (text.length() <= 11) assertEquals(d, Durations.parse(text).orElseThrow(), text);
    }
}
