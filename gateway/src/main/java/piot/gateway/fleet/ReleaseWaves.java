package piot.gateway.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Rolls a release out in waves: push to the first {@code waveSize} nodes, wait until each of them
 * has a final answer, go on only if every one applied it; on the first refusal, rollback, failure
 * or timeout, stop, and the later nodes are never touched. One node at a time is waves of 1.
 */
public final class ReleaseWaves {
    /** Starting a push and reading its per-node states (the fleet, or the HTTP API from the CLI). */
    public interface Pusher {
        String push(List<String> nodes);

        Map<String, FleetMessage.State> states(String transfer);
    }

    /** Where each node ended; {@code halted} says why later waves were not started (empty when all applied). */
    public record Result(Map<String, FleetMessage.State> nodes, List<String> notAttempted, String halted) {
        public boolean ok() {
            return halted.isEmpty();
        }
    }

    private ReleaseWaves() {}

    public static Result run(Pusher pusher, List<String> nodes, int waveSize, Duration waveTimeout, Consumer<String> progress) {
        if (waveSize < 1) {
            throw new IllegalArgumentException("wave size must be at least 1, got " + waveSize);
        }
        Map<String, FleetMessage.State> done = new LinkedHashMap<>();
        for (int from = 0; from < nodes.size(); from += waveSize) {
            List<String> wave = nodes.subList(from, Math.min(nodes.size(), from + waveSize));
            progress.accept("wave " + (from / waveSize + 1) + ": " + wave);
            String id = pusher.push(wave);
            Map<String, FleetMessage.State> states = await(pusher, id, wave, waveTimeout);
            done.putAll(states);
            List<String> bad = new ArrayList<>();
            states.forEach((n, s) -> {
                if (s != FleetMessage.State.APPLIED) bad.add(n + " " + s.wire());
            });
            if (!bad.isEmpty()) {
                List<String> rest = new ArrayList<>(nodes.subList(Math.min(nodes.size(), from + waveSize), nodes.size()));
                String why = "halted after wave " + (from / waveSize + 1) + ": " + String.join(", ", bad);
                progress.accept(why + (rest.isEmpty() ? "" : "; not attempted: " + rest));
                return new Result(done, rest, why);
            }
        }
        return new Result(done, List.of(), "");
    }

    private static Map<String, FleetMessage.State> await(Pusher pusher, String id, List<String> wave, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, FleetMessage.State> s = pusher.states(id);
            boolean allFinal = wave.stream().allMatch(n -> s.containsKey(n) && s.get(n).isFinal());
            if (allFinal || System.nanoTime() - end >= 0) {
                Map<String, FleetMessage.State> out = new LinkedHashMap<>();
                // A node with no final answer in time counts as failed for the wave: it is not safe to go on.
                wave.forEach(n -> out.put(n, s.containsKey(n) && s.get(n).isFinal() ? s.get(n) : FleetMessage.State.PENDING));
                return out;
            }
            LockSupport.parkNanos(200_000_000L); // wave poll interval
        }
    }
}
