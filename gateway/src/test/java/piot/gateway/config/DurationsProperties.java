package piot.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of the duration, size and host:port notations. */
class DurationsProperties {
    @Property
    void formattingThenParsingGivesTheSameDuration(@ForAll @LongRange(min = 0, max = 315_360_000_000L) long millis) {
        Duration d = Duration.ofMillis(millis);
        assertEquals(Optional.of(d), Durations.parse(Durations.format(d)));
    }

    @Property
    void everyUnitMeansWhatItSays(@ForAll @IntRange(min = 0, max = 3000) int n) {
        assertEquals(Optional.of(Duration.ofMillis(n)), Durations.parse(n + "ms"));
        assertEquals(Optional.of(Duration.ofSeconds(n)), Durations.parse(n + "s"));
        assertEquals(Optional.of(Duration.ofMinutes(n)), Durations.parse(n + "m"));
        assertEquals(Optional.of(Duration.ofHours(n)), Durations.parse(n + "h"));
        assertEquals(Optional.of(Duration.ofDays(n)), Durations.parse(n + "d"));
    }

    @Property
    void textWithoutAUnitIsNotADuration(@ForAll @IntRange(min = 1, max = 1_000_000) int n) {
        assertTrue(Durations.parse(Integer.toString(n)).isEmpty());
        assertTrue(Durations.parse(n + " s").isEmpty());
        assertTrue(Durations.parse("-" + n + "s").isEmpty());
    }

    @Property
    void hostPortRoundTrips(@ForAll @IntRange(min = 0, max = 255) int a, @ForAll @IntRange(min = 0, max = 255) int b,
                            @ForAll @IntRange(min = 0, max = 65535) int port) {
        String text = "10." + a + ".0." + b + ":" + port;
        HostPort hp = HostPort.parse(text).orElseThrow();
        assertEquals(port, hp.port());
        assertEquals(text, hp.toString());
    }

    @Property
    void portsAbove65535AreRejected(@ForAll @IntRange(min = 65536, max = 99999) int port) {
        assertTrue(HostPort.parse("127.0.0.1:" + port).isEmpty());
    }
}
