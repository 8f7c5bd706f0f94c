package piot.drivers.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import java.util.concurrent.ConcurrentLinkedQueue;
import piot.drivers.Reading;
import piot.drivers.ReadingSink;
import piot.drivers.SensorSpec;
import piot.drivers.sample.Task;
import piot.time.Clock;

/**
 * gpio-input driver: reports the level (0/1, after {@code invert}) under key {@code level} once at
 * start and then on every change that stayed stable for {@code debounce} (every edge when debounce
 * is 0). Pi4J's listener only queues the raw edge with its time and wakes the sampler; debounce
 * runs on the sampler thread, so it behaves the same on gpiod and in the simulator.
 */
public final class GpioInputDriver implements Task {
    private record Edge(boolean high, long nanos) {
    }

    private final SensorSpec.GpioInput spec;
    private final DigitalInput input;
    private final Clock clock;
    private final ReadingSink sink;
    private final long debounceNanos;
    private final ConcurrentLinkedQueue<Edge> edges = new ConcurrentLinkedQueue<>();
    private Boolean reported;
    private boolean candidate;
    private long candidateSince;

    public GpioInputDriver(SensorSpec.GpioInput spec, DigitalInput input, Clock clock, ReadingSink sink, Runnable wakeup) {
        this.spec = spec;
        this.input = input;
        this.clock = clock;
        this.sink = sink;
        this.debounceNanos = spec.debounce().toNanos();
        input.addListener(event -> {
            edges.add(new Edge(event.state().isHigh(), clock.nanoTime()));
            wakeup.run();
        });
    }

    @Override
    public long runDue(long now) {
        if (reported == null) {
            boolean level = input.state().isHigh();
            edges.clear();
            candidate = level;
            candidateSince = now;
            emit(level, now);
        }
        for (Edge e = edges.poll(); e != null; e = edges.poll()) {
            if (e.high() != candidate) {
                candidate = e.high();
                candidateSince = e.nanos();
                if (debounceNanos == 0 && candidate != reported) {
                    emit(candidate, e.nanos());
                }
            }
        }
        if (candidate == reported) {
            return Long.MAX_VALUE;
        }
        long stableAt = candidateSince + debounceNanos;
        if (now >= stableAt) {
            emit(candidate, now);
            return Long.MAX_VALUE;
        }
        return stableAt;
    }

    private void emit(boolean high, long nanos) {
        reported = high;
        int level = (high ^ spec.invert()) ? 1 : 0;
        sink.onReading(new Reading(spec.id(), "level", level, "", clock.wallMillis(), nanos));
    }
}
