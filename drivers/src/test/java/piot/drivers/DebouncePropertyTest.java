package piot.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import piot.drivers.sim.SignalSpec;

class DebouncePropertyTest {
    /**
     * Whatever the bounce, a debounce longer than the chatter reports exactly one reading per real
     * change, each {@code chatter + debounce} after the change (to the 1 ms step).
     */
    @Property(tries = 15)
    void aDebounceLongerThanTheChatterGivesOneReadingPerChange(@ForAll @IntRange(min = 0, max = 5) int bounce,
                                                               @ForAll @IntRange(min = 11, max = 50) int debounceMs) {
        var door = new SensorSpec.GpioInput("door", 17, SensorSpec.Pull.UP, Duration.ofMillis(debounceMs), false);
        var pulse = new SignalSpec.Pulse(Duration.ofSeconds(2), Duration.ofMillis(500), bounce);
        try (SimRig rig = new SimRig(List.of(door), List.of(), Map.of("door", Map.of("level", pulse)), List.of())) {
            long start = rig.clock.nanoTime();
            rig.now();
            rig.run(Duration.ofMillis(4100), Duration.ofMillis(1));
            long settle = 2L * bounce + debounceMs;
            List<String> expected = List.of("0=1", (500 + settle) + "=0", (2000 + settle) + "=1", (2500 + settle) + "=0",
                    (4000 + settle) + "=1");
            assertEquals(expected, rig.sink.of("door", "level").stream()
                    .map(r -> (r.monoNanos() - start) / 1_000_000 + "=" + (int) r.value()).toList());
        }
    }
}
