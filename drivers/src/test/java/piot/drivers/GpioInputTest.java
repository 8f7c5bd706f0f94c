package piot.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import piot.drivers.sim.SignalSpec;

/** A door contact driven by a bouncing pulse: debounce turns the chatter into clean level readings. */
class GpioInputTest {
    private static final SignalSpec PULSE = new SignalSpec.Pulse(Duration.ofSeconds(30), Duration.ofSeconds(5), 3);

    private static List<String> levels(RecordingSink sink, long startNanos) {
        return sink.of("door", "level").stream()
                .map(r -> (r.monoNanos() - startNanos) / 1_000_000 + "ms=" + (int) r.value()).toList();
    }

    @Test
    void withDebounceEachChangeIsReportedOnceWhenStable() {
        var door = new SensorSpec.GpioInput("door", 17, SensorSpec.Pull.UP, Duration.ofMillis(20), false);
        try (SimRig rig = new SimRig(List.of(door), List.of(), Map.of("door", Map.of("level", PULSE)), List.of())) {
            long start = rig.clock.nanoTime();
            rig.now();
            rig.run(Duration.ofSeconds(61), Duration.ofMillis(1));
            // high at 0; falls at 5 s (bouncing until 5.006 s), rises at 30 s, falls at 35 s, rises at 60 s
            assertEquals(List.of("0ms=1", "5026ms=0", "30026ms=1", "35026ms=0", "60026ms=1"), levels(rig.sink, start));
        }
    }

    @Test
    void withoutDebounceEveryEdgeOfTheBounceIsAReading() {
        var door = new SensorSpec.GpioInput("door", 17, SensorSpec.Pull.UP, Duration.ZERO, false);
        try (SimRig rig = new SimRig(List.of(door), List.of(), Map.of("door", Map.of("level", PULSE)), List.of())) {
            long start = rig.clock.nanoTime();
            rig.now();
            rig.run(Duration.ofMillis(5010), Duration.ofMillis(1));
            assertEquals(List.of("0ms=1", "5000ms=0", "5001ms=1", "5002ms=0", "5003ms=1", "5004ms=0", "5005ms=1", "5006ms=0"),
                    levels(rig.sink, start));
        }
    }

    @Test
    void invertReportsTheOppositeLevelAndAnUnscriptedPullUpInputIdlesHigh() {
        var door = new SensorSpec.GpioInput("door", 17, SensorSpec.Pull.UP, Duration.ZERO, true);
        try (SimRig rig = new SimRig(List.of(door), List.of(), Map.of(), List.of())) {
            rig.now();
            rig.run(Duration.ofSeconds(5), Duration.ofMillis(100));
            assertEquals(List.of(0.0), rig.sink.of("door", "level").stream().map(Reading::value).toList());
        }
    }
}
