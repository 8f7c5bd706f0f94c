package piot.drivers.sample;

import java.util.ArrayList;
import java.util.List;
import piot.drivers.Reading;
import piot.drivers.ReadingSink;
import piot.drivers.SensorFault;
import piot.time.Clock;

/**
 * Reads one sensor on its interval without drift (next = previous scheduled + interval; missed
 * slots are skipped, not bunched), turns failures into {@link SensorFault}s with exponential
 * backoff (1 s, 2 s, 4 s … capped at 60 s) and reports the recovery when the device answers again.
 * With {@code stuckReads > 0}, values that stay exactly equal for that many reads are a fault.
 */
public final class SensorTask implements Task {
    static final long BACKOFF_START = 1_000_000_000L;
    static final long BACKOFF_MAX = 60_000_000_000L;

    private final SampledSensor sensor;
    private final long intervalNanos;
    private final int stuckReads;
    private final Clock clock;
    private final ReadingSink sink;
    private long nextDue;
    private int failures;
    private List<Value> last = List.of();
    private int sameReads;

    public SensorTask(SampledSensor sensor, long intervalNanos, int stuckReads, Clock clock, ReadingSink sink,
                      long firstDueNanos) {
        this.sensor = sensor;
        this.intervalNanos = intervalNanos;
        this.stuckReads = stuckReads;
        this.clock = clock;
        this.sink = sink;
        this.nextDue = firstDueNanos;
    }

    @Override
    public long runDue(long now) {
        if (now < nextDue) {
            return nextDue;
        }
        ReadResult result = sensor.read();
        if (result instanceof ReadResult.Values v) {
            result = stuckCheck(v);
        }
        long wall = clock.wallMillis();
        switch (result) {
            case ReadResult.Values v -> {
                if (failures > 0) {
                    failures = 0;
                    sink.onRecovered(sensor.id());
                    nextDue = now; // re-anchor the schedule at the recovery
                }
                for (Value value : v.values()) {
                    sink.onReading(new Reading(sensor.id(), value.key(), value.value(), value.unit(), wall, now));
                }
                nextDue += intervalNanos;
                if (nextDue <= now) {
                    nextDue += ((now - nextDue) / intervalNanos + 1) * intervalNanos;
                }
            }
            case ReadResult.Failed f -> {
                failures++;
                long retry = Math.min(BACKOFF_MAX, BACKOFF_START << Math.min(failures - 1, 20));
                sink.onFault(new SensorFault(sensor.id(), sensor.where(), f.message(), failures, retry, wall, now));
                nextDue = now + retry;
            }
        }
        return nextDue;
    }

    private ReadResult stuckCheck(ReadResult.Values v) {
        if (stuckReads == 0) {
            return v;
        }
        sameReads = v.values().equals(last) ? sameReads + 1 : 1;
        last = v.values();
        if (sameReads >= stuckReads) {
            List<String> shown = new ArrayList<>();
            v.values().forEach(x -> shown.add(x.key() + "=" + x.value()));
            return new ReadResult.Failed("values stuck at " + String.join(", ", shown) + " for " + sameReads + " reads");
        }
        return v;
    }

    public SampledSensor sensor() {
        return sensor;
    }
}
