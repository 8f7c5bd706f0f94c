package piot.drivers.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import piot.drivers.KeyDescription;
import piot.drivers.Reading;
import piot.drivers.ReadingSink;
import piot.drivers.SensorFault;
import piot.time.ManualClock;

class SensorTaskTest {
    private static final long S = 1_000_000_000L;

    /** A sensor that answers with an increasing count, or fails while told to. */
    private static final class Counter implements SampledSensor {
        int reads;
        boolean failing;

        public String id() {
            return "c";
        }

        public String where() {
            return "test";
        }

        public String type() {
            return "counter";
        }

        public List<KeyDescription> keys() {
            return List.of(new KeyDescription("n", ""));
        }

        public ReadResult read() {
            reads++;
            return failing ? ReadResult.failed("broken") : new ReadResult.Values(List.of(new Value("n", reads, "")));
        }
    }

    private final List<Long> readTimes = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final ReadingSink sink = new ReadingSink() {
        public void onReading(Reading r) {
            readTimes.add(r.monoNanos() / 1_000_000);
        }

        public void onFault(SensorFault f) {
            events.add("fault " + f.monoNanos() / 1_000_000);
        }

        public void onRecovered(String id) {
            events.add("recovered");
        }
    };

    @Test
    void lateStepsDoNotShiftTheSchedule() {
        ManualClock clock = new ManualClock(0, 0);
        SensorTask task = new SensorTask(new Counter(), 10 * S, 0, clock, sink, 0);
        // the sampler wakes a little late each time; reads still happen on the 10 s grid
        for (long t : new long[] {3, 10_007, 20_001, 30_250, 40_000, 75_000, 80_000}) {
            assertEquals(true, task.runDue(t * 1_000_000) > t * 1_000_000);
        }
        assertEquals(List.of(3L, 10_007L, 20_001L, 30_250L, 40_000L, 75_000L, 80_000L), readTimes);
        assertEquals(90 * S, task.runDue(80_001_000_000L), "after missing 50 s and 60 s the grid resumes at 90 s");
    }

    @Test
    void aWallClockStepLikeAnNtpSyncChangesTimestampsButNotTheSchedule() {
        ManualClock clock = new ManualClock(0, 1_000_000);
        List<Long> walls = new ArrayList<>();
        ReadingSink wallSink = new ReadingSink() {
            public void onReading(Reading r) {
                walls.add(r.wallMillis());
            }

            public void onFault(SensorFault f) {
            }

            public void onRecovered(String id) {
            }
        };
        SensorTask task = new SensorTask(new Counter(), 10 * S, 0, clock, wallSink, 0);
        task.runDue(clock.nanoTime());
        clock.jumpWallMillis(-500_000);
        clock.advanceNanos(10 * S);
        assertEquals(20 * S, task.runDue(clock.nanoTime()));
        assertEquals(List.of(1_000_000L, 510_000L), walls);
    }

    @Test
    void afterARecoveryTheScheduleIsReanchoredAtTheRecoveryTime() {
        ManualClock clock = new ManualClock(0, 0);
        Counter c = new Counter();
        SensorTask task = new SensorTask(c, 10 * S, 0, clock, sink, 0);
        task.runDue(0);
        c.failing = true;
        assertEquals(11 * S, task.runDue(10 * S));
        c.failing = false;
        assertEquals(21 * S, task.runDue(11 * S));
        assertEquals(List.of("fault 10000", "recovered"), events);
    }
}
