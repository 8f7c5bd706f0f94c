package piot.drivers.sim;

import com.pi4j.io.exception.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import piot.time.Clock;

/**
 * The simulated world behind the simulated Pi4J providers: I2C device models on their buses,
 * signal-driven input lines, the record of every output change, and fault injection.
 *
 * <p>Simulated time is {@code (clock.nanoTime() - start) * speed}; signals and fault windows are in
 * simulated time. Input lines change only in {@link #tick}, which the sampler calls before each
 * step (so with a {@link piot.time.ManualClock} every edge is reproducible). Thread-safe.
 */
public final class Simulator {
    private static final long MILLI = 1_000_000;
    private static final int MAX_SCAN_STEPS = 10_000;

    private final Clock clock;
    private final SimulationSpec spec;
    private final long startNanos;
    private final Object lock = new Object();
    private final Map<String, SimDevice> devicesById = new HashMap<>();
    private final Map<Integer, SimDevice> devicesByAddress = new HashMap<>();
    private final Map<Integer, InputLine> linesByPin = new HashMap<>();
    private final List<FaultSpec> faults = new ArrayList<>();
    private final List<OutputChange> changes = new CopyOnWriteArrayList<>();
    private final SplittableRandom rng;
    private long scannedFrom = Long.MAX_VALUE;
    private long nextEdgeSim = Long.MIN_VALUE;

    public Simulator(Clock clock, SimulationSpec spec) {
        this.clock = clock;
        this.spec = spec;
        this.startNanos = clock.nanoTime();
        this.rng = new SplittableRandom(spec.seed());
        faults.addAll(spec.faults());
    }

    Clock clock() {
        return clock;
    }

    /** Simulated nanoseconds since start, for a monotonic clock reading. */
    public long simNanos(long nowNanos) {
        return (long) ((nowNanos - startNanos) * spec.speed());
    }

    // ---- building the world (called by Hardware before the drivers open) ----

    /** Puts a BME280 model (datasheet example trimming) on the bus. */
    public void addBme280(String id, int bus, int address) {
        add(new Bme280Model(id, bus, address, Bme280Trimming.EXAMPLE));
    }

    public void addSht31(String id, int bus, int address) {
        add(new Sht31Model(id, bus, address));
    }

    public void addBh1750(String id, int bus, int address) {
        add(new Bh1750Model(id, bus, address));
    }

    /** @param channelKeys quantity (channel key) per input AIN0..AIN3; null entries read 0 V */
    public void addAds1115(String id, int bus, int address, String[] channelKeys) {
        add(new Ads1115Model(id, bus, address, channelKeys));
    }

    /** Drives the input on {@code pin} from signal {@code level} of {@code sensorId} (>= 0.5 is high). */
    public void addInput(String sensorId, int pin, boolean idleHigh) {
        SignalSpec signal = spec.signalsOf(sensorId).getOrDefault("level", new SignalSpec.Constant(idleHigh ? 1 : 0));
        synchronized (lock) {
            linesByPin.put(pin, new InputLine(sensorId, signal));
        }
    }

    private void add(SimDevice device) {
        synchronized (lock) {
            device.inputs = new DeviceInputs(device.id);
            devicesById.put(device.id, device);
            devicesByAddress.put(key(device.bus, device.address), device);
        }
    }

    // ---- faults ----

    /** Adds a fault window (its {@code at} is simulated time since start). */
    public void inject(FaultSpec fault) {
        synchronized (lock) {
            if (!devicesById.containsKey(fault.device())) {
                throw new IllegalArgumentException("fault on " + fault.device() + ": no simulated I2C device with that id; devices: "
                        + devicesById.keySet());
            }
            SimDevice d = devicesById.get(fault.device());
            if (fault.kind() == FaultKind.WRONG_CHIP_ID && !(d instanceof Bme280Model)) {
                throw new IllegalArgumentException("fault wrong-chip-id on " + fault.device() + ": only a bme280 has a chip id");
            }
            if (fault.kind() == FaultKind.CRC && !(d instanceof Sht31Model)) {
                throw new IllegalArgumentException("fault crc on " + fault.device() + ": only an sht31 sends CRCs");
            }
            faults.add(fault);
        }
    }

    /** Starts a fault now, for {@code duration} ({@code null}: until {@link #clearFaults}). */
    public void inject(String device, FaultKind kind, Duration duration) {
        inject(new FaultSpec(device, kind, Duration.ofNanos(simNanos(clock.nanoTime())), duration, 0));
    }

    /** Starts an intermittent fault now: each transfer fails with probability {@code rate}. */
    public void injectIntermittent(String device, double rate, Duration duration) {
        inject(new FaultSpec(device, FaultKind.INTERMITTENT, Duration.ofNanos(simNanos(clock.nanoTime())), duration, rate));
    }

    /** Ends every fault of a device. */
    public void clearFaults(String device) {
        synchronized (lock) {
            faults.removeIf(f -> f.device().equals(device));
        }
    }

    /** Checks that every configured fault names a device that exists (called once the world is built). */
    public void checkFaults() {
        synchronized (lock) {
            List<FaultSpec> configured = List.copyOf(faults);
            faults.clear();
            configured.forEach(this::inject);
        }
    }

    private FaultSpec active(String device, FaultKind kind, long sim) {
        for (FaultSpec f : faults) {
            if (f.kind() == kind && f.device().equals(device) && f.activeAt(sim)) {
                return f;
            }
        }
        return null;
    }

    // ---- the bus, as the simulated I2C provider sees it ----

    /** A hung bus: a transfer blocks (outside the lock, so faults can still be cleared) while it lasts. */
    private static final long HANG_POLL_NANOS = 10 * MILLI;
    private static final int MAX_HANG_POLLS = 360_000; // an hour of polls; then the transfer gives up

    private void waitWhileBusHung(int bus) {
        for (int i = 0; i < MAX_HANG_POLLS && busHung(bus); i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(HANG_POLL_NANOS);
        }
    }

    private boolean busHung(int bus) {
        synchronized (lock) {
            long sim = simNanos(clock.nanoTime());
            for (FaultSpec f : faults) {
                SimDevice d = devicesById.get(f.device());
                if (f.kind() == FaultKind.HANG && d != null && d.bus == bus && f.activeAt(sim)) {
                    return true;
                }
            }
            return false;
        }
    }

    void write(int bus, int address, byte[] data) {
        waitWhileBusHung(bus);
        synchronized (lock) {
            device(bus, address).write(data);
        }
    }

    byte[] read(int bus, int address, int n) {
        waitWhileBusHung(bus);
        synchronized (lock) {
            return device(bus, address).read(n);
        }
    }

    private SimDevice device(int bus, int address) {
        String where = "i2c-" + bus + " 0x" + String.format("%02x", address);
        SimDevice d = devicesByAddress.get(key(bus, address));
        long sim = simNanos(clock.nanoTime());
        if (d == null || active(d.id, FaultKind.ABSENT, sim) != null) {
            throw new IOException(where + ": remote I/O error (no device answers at this address)");
        }
        if (active(d.id, FaultKind.NACK, sim) != null) {
            throw new IOException(where + ": remote I/O error (NACK)");
        }
        FaultSpec intermittent = active(d.id, FaultKind.INTERMITTENT, sim);
        if (intermittent != null && rng.nextDouble() < intermittent.rate()) {
            throw new IOException(where + ": bus error (intermittent)");
        }
        return d;
    }

    // ---- inputs and outputs ----

    boolean inputLevel(int pin) {
        synchronized (lock) {
            InputLine line = linesByPin.get(pin);
            return line != null && line.level;
        }
    }

    void attach(int pin, SimDigitalInput input) {
        synchronized (lock) {
            InputLine line = linesByPin.computeIfAbsent(pin, p -> new InputLine("gpio" + p, new SignalSpec.Constant(0)));
            line.input = input;
            line.level = line.levelAt(0);
            line.lastSim = 0;
        }
    }

    /**
     * Moves every input line to now, firing a Pi4J state-change event for each edge on the way
     * (scanned at 1 ms resolution, at most the last 10 s of a long gap).
     */
    public void tick(long nowNanos) {
        long sim = simNanos(nowNanos);
        List<Runnable> events = new ArrayList<>();
        synchronized (lock) {
            for (InputLine line : linesByPin.values()) {
                line.advance(sim, events);
            }
        }
        events.forEach(Runnable::run); // outside the lock: listeners may call back into Pi4J
    }

    /** The monotonic time of the next input edge within one simulated second, else now + 1 s. */
    public long nextInputChange(long nowNanos) {
        long sim = simNanos(nowNanos);
        synchronized (lock) {
            // Signals are pure functions of time: the next edge seen from t is the same from any t' before it.
            if (sim < scannedFrom || sim >= nextEdgeSim) {
                scannedFrom = sim;
                long best = 1000 * MILLI;
                for (InputLine line : linesByPin.values()) {
                    boolean level = line.levelAt(sim);
                    for (long dt = MILLI; dt < best; dt += MILLI) {
                        if (line.levelAt(sim + dt) != level) {
                            best = dt;
                            break;
                        }
                    }
                }
                nextEdgeSim = sim + best;
            }
            return nowNanos + (long) Math.ceil((nextEdgeSim - sim) / spec.speed());
        }
    }

    void record(String id, double value, int frequency) {
        changes.add(new OutputChange(id, value, frequency, clock.nanoTime(), clock.wallMillis()));
    }

    /** Every output change so far, in order. */
    public List<OutputChange> outputChanges() {
        return List.copyOf(changes);
    }

    /** The output changes of one actuator, in order. */
    public List<OutputChange> outputChanges(String id) {
        return changes.stream().filter(c -> c.id().equals(id)).toList();
    }

    /** The true physical value a device is simulating now (what a perfect sensor would read). */
    public double truth(String device, String quantity) {
        synchronized (lock) {
            SimDevice d = devicesById.get(device);
            if (d == null) {
                throw new IllegalArgumentException("no simulated device " + device);
            }
            return d.inputs.value(quantity);
        }
    }

    private static int key(int bus, int address) {
        return bus << 8 | address;
    }

    private long signalSeed(String device, String quantity) {
        return spec.seed() * 31 + (device + "/" + quantity).hashCode();
    }

    private static double defaultValue(String quantity) {
        return switch (quantity) {
            case "temperature" -> 21.0;
            case "humidity" -> 50.0;
            case "pressure" -> 1013.25;
            case "light" -> 300.0;
            default -> 1.0;
        };
    }

    private final class DeviceInputs implements SimDevice.Inputs {
        private final String device;

        DeviceInputs(String device) {
            this.device = device;
        }

        @Override
        public double value(String quantity) {
            long sim = simNanos(clock.nanoTime());
            FaultSpec stuck = active(device, FaultKind.STUCK, sim);
            long t = stuck == null ? sim : stuck.at().toNanos();
            SignalSpec s = spec.signalsOf(device).get(quantity);
            return s == null ? defaultValue(quantity) : s.valueAt(t, signalSeed(device, quantity));
        }

        @Override
        public boolean faulty(FaultKind kind) {
            return active(device, kind, simNanos(clock.nanoTime())) != null;
        }
    }

    private final class InputLine {
        final String sensorId;
        final SignalSpec signal;
        SimDigitalInput input;
        boolean level;
        long lastSim;

        InputLine(String sensorId, SignalSpec signal) {
            this.sensorId = sensorId;
            this.signal = signal;
        }

        boolean levelAt(long sim) {
            return signal.valueAt(sim, signalSeed(sensorId, "level")) >= 0.5;
        }

        void advance(long sim, List<Runnable> events) {
            long from = Math.max(lastSim, sim - MAX_SCAN_STEPS * MILLI);
            for (long t = from + MILLI; t <= sim; t += MILLI) {
                emitIfChanged(levelAt(t), events);
            }
            emitIfChanged(levelAt(sim), events);
            lastSim = sim;
        }

        private void emitIfChanged(boolean now, List<Runnable> events) {
            if (now != level) {
                level = now;
                SimDigitalInput in = input;
                if (in != null) {
                    events.add(() -> in.fire(now));
                }
            }
        }
    }
}
