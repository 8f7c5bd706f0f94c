package piot.gateway.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wave logic alone, against a fleet that answers at once with scripted outcomes. */
class ReleaseWavesTest {
    private static final List<String> NODES = List.of("a", "b", "c", "d", "e");

    /** Every node applies, except those named in {@code outcomes}; records the waves pushed. */
    private static final class Scripted implements ReleaseWaves.Pusher {
        final Map<String, FleetMessage.State> outcomes;
        final List<List<String>> waves = new ArrayList<>();

        Scripted(Map<String, FleetMessage.State> outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public String push(List<String> nodes) {
            waves.add(List.copyOf(nodes));
            return Integer.toString(waves.size() - 1);
        }

        @Override
        public Map<String, FleetMessage.State> states(String transfer) {
            Map<String, FleetMessage.State> m = new HashMap<>();
            waves.get(Integer.parseInt(transfer)).forEach(n -> m.put(n, outcomes.getOrDefault(n, FleetMessage.State.APPLIED)));
            return m;
        }
    }

    @Test
    void allNodesInWavesOfTwoWhenEveryNodeApplies() {
        Scripted fleet = new Scripted(Map.of());
        ReleaseWaves.Result r = ReleaseWaves.run(fleet, NODES, 2, Duration.ofSeconds(5), s -> {});
        assertTrue(r.ok());
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")), fleet.waves);
        assertEquals(5, r.nodes().size());
    }

    @Test
    void aRollbackInTheSecondWaveHaltsTheRest() {
        Scripted fleet = new Scripted(Map.of("d", FleetMessage.State.ROLLED_BACK));
        ReleaseWaves.Result r = ReleaseWaves.run(fleet, NODES, 2, Duration.ofSeconds(5), s -> {});
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), fleet.waves);
        assertEquals(List.of("e"), r.notAttempted());
        assertTrue(r.halted().contains("d rolled-back"), r.halted());
    }

    @Test
    void aNodeThatNeverAnswersHaltsTheRolloutAtTheWaveTimeout() {
        Scripted fleet = new Scripted(Map.of("a", FleetMessage.State.APPLYING));
        ReleaseWaves.Result r = ReleaseWaves.run(fleet, NODES, 1, Duration.ofMillis(300), s -> {});
        assertEquals(List.of(List.of("a")), fleet.waves);
        assertEquals(FleetMessage.State.PENDING, r.nodes().get("a"));
        assertEquals(List.of("b", "c", "d", "e"), r.notAttempted());
    }
}
