package piot.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import piot.drivers.sim.OutputChange;

/** Relays and PWM: safe state at start and close, max_on, interlocks, refusals with reasons. */
class ActuatorTest {
    private static final ActuatorSpec PUMP = new ActuatorSpec.GpioOutput("pump", 27, false, false, Duration.ofMinutes(10), List.of("heater"));
    private static final ActuatorSpec HEATER = new ActuatorSpec.GpioOutput("heater", 22, false, false, Duration.ZERO, List.of());
    private static final ActuatorSpec FAN = new ActuatorSpec.PwmOutput("fan", 18, 0.3, 0, 25000, List.of());

    private static SimRig rig() {
        return new SimRig(List.of(), List.of(PUMP, HEATER, FAN), Map.of(), List.of());
    }

    private static List<Double> values(List<OutputChange> changes) {
        return changes.stream().map(OutputChange::value).toList();
    }

    @Test
    void outputsStartInTheSafeStateThenTheInitialStateAndReturnToSafeOnClose() {
        SimRig rig = rig();
        assertEquals(List.of(0.0), values(rig.sim().outputChanges("pump")));
        assertEquals(List.of(0.0, 30.0), values(rig.sim().outputChanges("fan")));
        assertEquals(25000, rig.sim().outputChanges("fan").get(1).frequency());
        assertEquals(0.3, rig.hw.actuator("fan").orElseThrow().state());
        assertTrue(rig.hw.actuator("pump").orElseThrow().apply("on").applied());
        var sim = rig.sim();
        rig.close();
        assertEquals(List.of(0.0, 1.0, 0.0), values(sim.outputChanges("pump")));
        assertEquals(List.of(0.0, 30.0, 0.0), values(sim.outputChanges("fan")));
    }

    @Test
    void maxOnSwitchesARelayOffAndReportsTheChange() {
        try (SimRig rig = rig()) {
            Actuator pump = rig.hw.actuator("pump").orElseThrow();
            assertEquals(ActuationResult.ok(1), pump.apply(true));
            long on = rig.clock.nanoTime();
            rig.run(Duration.ofMinutes(9), Duration.ofSeconds(30));
            assertTrue(pump.isOn());
            rig.run(Duration.ofMinutes(2), Duration.ofSeconds(30));
            assertFalse(pump.isOn());
            List<OutputChange> changes = rig.sim().outputChanges("pump");
            assertEquals(Duration.ofMinutes(10).toNanos(), changes.get(2).monoNanos() - on);
            assertEquals(List.of(1.0, 0.0), rig.sink.of("pump", "state").stream().map(Reading::value).toList());
        }
    }

    @Test
    void anInterlockedActuatorCannotBeSwitchedOnWhileTheOtherIsOn() {
        try (SimRig rig = rig()) {
            Actuator pump = rig.hw.actuator("pump").orElseThrow();
            Actuator heater = rig.hw.actuator("heater").orElseThrow();
            assertTrue(heater.apply("on").applied());
            assertEquals(ActuationResult.refused(0, "interlock: heater is on"), pump.apply("on"));
            assertTrue(heater.apply("off").applied());
            assertTrue(pump.apply("on").applied());
            assertEquals(ActuationResult.refused(0, "interlock: pump is on"), heater.apply(1), "the interlock works both ways");
            assertEquals(List.of(0.0, 1.0), values(rig.sim().outputChanges("pump")));
        }
    }

    @Test
    void valuesOfTheWrongKindAreRefusedWithAReasonAndChangeNothing() {
        try (SimRig rig = rig()) {
            assertEquals("gpio-output pump accepts on/off, true/false or 1/0, not 'maybe'",
                    rig.hw.actuator("pump").orElseThrow().apply("maybe").reason());
            assertEquals("pwm-output fan accepts a duty cycle 0..1, not '1.5'",
                    rig.hw.actuator("fan").orElseThrow().apply(1.5).reason());
            assertEquals(ActuationResult.ok(0.75), rig.hw.actuator("fan").orElseThrow().apply("0.75"));
            assertEquals(List.of(0.0, 30.0, 75.0), values(rig.sim().outputChanges("fan")));
            assertEquals(List.of(0.0), values(rig.sim().outputChanges("pump")));
            assertTrue(rig.hw.actuator("nope").isEmpty());
        }
    }

    @Test
    void actuatorsDescribeThemselvesForThingDescriptions() {
        try (SimRig rig = rig()) {
            assertEquals(new ThingDescription("fan", "pwm-output", true, List.of(new KeyDescription("state", "")), "gpio 18"),
                    rig.hw.actuators().get(2));
        }
    }
}
