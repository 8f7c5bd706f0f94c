package piot.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalSpecTest {
    private static final long S = 1_000_000_000L;

    @Test
    void rampRisesLinearlyAndHolds() {
        var r = new SignalSpec.Ramp(1000, 1010, Duration.ofHours(1));
        assertEquals(1000, r.valueAt(0, 1));
        assertEquals(1005, r.valueAt(1800 * S, 1), 1e-9);
        assertEquals(1010, r.valueAt(7200 * S, 1));
    }

    @Test
    void sineNoiseIsRepeatableForASeedAndTimeAndHasTheGivenSpread() {
        var s = new SignalSpec.Sine(21, 3, Duration.ofMinutes(10), 0.1);
        assertEquals(s.valueAt(12 * S, 42), s.valueAt(12 * S, 42));
        assertNotEquals(s.valueAt(12 * S, 42), s.valueAt(12 * S, 43));
        double sum = 0;
        double sq = 0;
        int n = 2000;
        for (int i = 0; i < n; i++) {
            double noise = s.valueAt(i * 600 * S, 42) - 21; // whole periods: the sine part is 0
            sum += noise;
            sq += noise * noise;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(0.1, Math.sqrt(sq / n), 0.01);
    }

    @Test
    void seriesInterpolatesAndRepeats() {
        var s = new SignalSpec.Series(List.of(new SignalSpec.Point(Duration.ZERO, 100),
                new SignalSpec.Point(Duration.ofSeconds(30), 400), new SignalSpec.Point(Duration.ofSeconds(60), 100)));
        assertEquals(250, s.valueAt(15 * S, 1), 1e-9);
        assertEquals(400, s.valueAt(30 * S, 1), 1e-9);
        assertEquals(250, s.valueAt(75 * S, 1), 1e-9);
    }

    @Test
    void badParametersAreRefused() {
        assertEquals("pulse width PT30S must be shorter than its period PT30S",
                assertThrows(IllegalArgumentException.class,
                        () -> new SignalSpec.Pulse(Duration.ofSeconds(30), Duration.ofSeconds(30), 0)).getMessage());
        assertEquals("series times must increase: PT10S then PT5S",
                assertThrows(IllegalArgumentException.class, () -> new SignalSpec.Series(List.of(
                        new SignalSpec.Point(Duration.ofSeconds(10), 1), new SignalSpec.Point(Duration.ofSeconds(5), 2)))).getMessage());
        assertEquals("fault on air: rate 0.5 is for intermittent faults only",
                assertThrows(IllegalArgumentException.class,
                        () -> new FaultSpec("air", FaultKind.NACK, Duration.ZERO, null, 0.5)).getMessage());
    }
}
