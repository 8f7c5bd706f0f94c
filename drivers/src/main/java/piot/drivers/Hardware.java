package piot.drivers;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmProvider;
import com.pi4j.io.pwm.PwmType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import piot.drivers.gpio.GpioInputDriver;
import piot.drivers.gpio.OutputBank;
import piot.drivers.i2c.Ads1115;
import piot.drivers.i2c.Bh1750;
import piot.drivers.i2c.Bme280;
import piot.drivers.i2c.Sht31;
import piot.drivers.sample.GuardedSensor;
import piot.drivers.sample.SampledSensor;
import piot.drivers.sample.Sampler;
import piot.drivers.sample.SensorTask;
import piot.drivers.sample.Task;
import piot.drivers.sim.SimContext;
import piot.drivers.sim.Simulator;
import piot.time.Clock;

/**
 * The hardware of one gateway, the one thing the gateway wires:
 *
 * <pre>{@code
 * Hardware hw = Hardware.open(spec, Clock.system(), router);   // readings flow to router
 * hw.actuator("pump").orElseThrow().apply("on");
 * hw.close();                                                  // actuators safe, Pi4J shut down
 * }</pre>
 *
 * <p>{@link #open} builds the Pi4J context for the spec's provider (real: gpiod + linuxfs;
 * simulated: piot's own providers over a {@link Simulator}), opens every driver, puts every
 * actuator in its safe state and then its initial state, and starts the sampler thread. Sensor
 * faults never stop it: they reach the sink as {@link SensorFault}s and are retried.
 * {@link #openStepped} does the same without the thread, for tests that drive time with a
 * {@link piot.time.ManualClock} and call {@link #runDue}.
 */
public final class Hardware implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Hardware.class.getName());

    private final Context context;
    private final Simulator simulator;
    private final OutputBank outputs;
    private final List<ThingDescription> sensorDescriptions;
    private final Sampler sampler;
    private boolean closed;

    private Hardware(Context context, Simulator simulator, OutputBank outputs, List<ThingDescription> sensors,
                     Sampler sampler) {
        this.context = context;
        this.simulator = simulator;
        this.outputs = outputs;
        this.sensorDescriptions = List.copyOf(sensors);
        this.sampler = sampler;
    }

    /**
     * Opens the hardware and starts sampling on one platform thread.
     *
     * @throws HardwareException when a pin, bus or PWM channel cannot be opened (nothing stays open)
     * @throws IllegalArgumentException when the simulation names a sensor or quantity that does not
     *         exist, or a fault that the device cannot have (provider SIM only)
     */
    public static Hardware open(HardwareSpec spec, Clock clock, ReadingSink sink) {
        Hardware hw = openStepped(spec, clock, sink);
        hw.sampler.start();
        return hw;
    }

    /** Like {@link #open} but without a thread: the caller drives sampling with {@link #runDue}. */
    public static Hardware openStepped(HardwareSpec spec, Clock clock, ReadingSink sink) {
        Simulator sim = spec.provider() == Provider.SIM ? buildWorld(spec, clock) : null;
        Context ctx;
        try {
            ctx = sim != null ? SimContext.build(sim) : Pi4jContexts.real();
        } catch (RuntimeException e) {
            throw new HardwareException("cannot start Pi4J (" + spec.provider() + "): " + e.getMessage(), e);
        }
        try {
            return wire(spec, clock, sink, sim, ctx);
        } catch (RuntimeException e) {
            shutdownQuietly(ctx);
            throw e instanceof HardwareException h ? h : new HardwareException(e.getMessage(), e);
        }
    }

    private static Simulator buildWorld(HardwareSpec spec, Clock clock) {
        Simulator sim = new Simulator(clock, spec.simulation());
        for (SensorSpec s : spec.sensors()) {
            switch (s) {
                case SensorSpec.GpioInput g -> sim.addInput(g.id(), g.pin(), g.pull() == SensorSpec.Pull.UP);
                case SensorSpec.I2c i -> {
                    switch (i.type()) {
                        case BME280 -> sim.addBme280(i.id(), i.bus(), i.address());
                        case SHT31 -> sim.addSht31(i.id(), i.bus(), i.address());
                        case BH1750 -> sim.addBh1750(i.id(), i.bus(), i.address());
                        case ADS1115 -> {
                            String[] keys = new String[4];
                            i.channels().forEach(c -> keys[c.channel()] = c.key());
                            sim.addAds1115(i.id(), i.bus(), i.address(), keys);
                        }
                    }
                }
            }
        }
        checkSignals(spec);
        sim.checkFaults();
        return sim;
    }

    /** Simulation signals must name a sensor and one of the quantities its type simulates. */
    private static void checkSignals(HardwareSpec spec) {
        java.util.Map<String, java.util.Set<String>> allowed = new java.util.HashMap<>();
        for (SensorSpec s : spec.sensors()) {
            allowed.put(s.id(), switch (s) {
                case SensorSpec.GpioInput g -> java.util.Set.of("level");
                case SensorSpec.I2c i -> switch (i.type()) {
                    case BME280 -> java.util.Set.of("temperature", "humidity", "pressure");
                    case SHT31 -> java.util.Set.of("temperature", "humidity");
                    case BH1750 -> java.util.Set.of("light");
                    case ADS1115 -> java.util.Set.copyOf(i.channels().stream().map(SensorSpec.AdsChannel::key).toList());
                };
            });
        }
        spec.simulation().signals().forEach((id, quantities) -> {
            java.util.Set<String> ok = allowed.get(id);
            if (ok == null) {
                throw new IllegalArgumentException("simulation.sensors." + id + ": no sensor with that id; sensors: "
                        + new java.util.TreeSet<>(allowed.keySet()));
            }
            for (String q : quantities.keySet()) {
                if (!ok.contains(q)) {
                    throw new IllegalArgumentException("simulation.sensors." + id + "." + q + ": not simulated for this sensor; allowed: "
                            + new java.util.TreeSet<>(ok));
                }
            }
        });
    }

    private static Hardware wire(HardwareSpec spec, Clock clock, ReadingSink sink, Simulator sim, Context ctx) {
        OutputBank bank = new OutputBank(clock, sink);
        for (ActuatorSpec a : spec.actuators()) {
            switch (a) {
                case ActuatorSpec.GpioOutput g -> bank.addRelay(g, openOutput(ctx, g));
                case ActuatorSpec.PwmOutput p -> bank.addPwm(p, openPwm(ctx, p));
            }
        }
        bank.applyInitial();
        Sampler[] samplerRef = new Sampler[1];
        Runnable wakeup = () -> {
            Sampler s = samplerRef[0];
            if (s != null) {
                s.wakeup();
            }
        };
        List<Task> tasks = new ArrayList<>();
        if (sim != null) {
            tasks.add(now -> {
                sim.tick(now);
                return sim.nextInputChange(now);
            });
        }
        List<ThingDescription> descriptions = new ArrayList<>();
        long start = clock.nanoTime();
        for (SensorSpec s : spec.sensors()) {
            switch (s) {
                case SensorSpec.GpioInput g -> {
                    tasks.add(new GpioInputDriver(g, openInput(ctx, g), clock, sink, wakeup));
                    descriptions.add(new ThingDescription(g.id(), "gpio-input", false,
                            List.of(new KeyDescription("level", "")), g.where()));
                }
                case SensorSpec.I2c i -> {
                    SampledSensor driver = new GuardedSensor(openI2c(ctx, i), GuardedSensor.DEFAULT_TIMEOUT);
                    tasks.add(new SensorTask(driver, i.interval().toNanos(), i.stuckReads(), clock, sink, start));
                    descriptions.add(new ThingDescription(i.id(), driver.type(), false, driver.keys(), driver.where()));
                }
            }
        }
        tasks.add(bank);
        Sampler sampler = new Sampler(clock, tasks);
        samplerRef[0] = sampler;
        return new Hardware(ctx, sim, bank, descriptions, sampler);
    }

    private static SampledSensor openI2c(Context ctx, SensorSpec.I2c s) {
        I2C i2c;
        try {
            I2CProvider provider = ctx.provider(IOType.I2C);
            i2c = provider.create(I2C.newConfigBuilder(ctx).id(s.id()).bus(s.bus()).device(s.address()).build());
        } catch (RuntimeException e) {
            throw new HardwareException("sensor " + s.id() + ": cannot open " + s.where() + ": " + e.getMessage(), e);
        }
        return switch (s.type()) {
            case BME280 -> new Bme280(s.id(), i2c);
            case SHT31 -> new Sht31(s.id(), i2c);
            case BH1750 -> new Bh1750(s.id(), i2c);
            case ADS1115 -> new Ads1115(s.id(), i2c, s.channels());
        };
    }

    private static DigitalInput openInput(Context ctx, SensorSpec.GpioInput g) {
        PullResistance pull = switch (g.pull()) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case OFF -> PullResistance.OFF;
        };
        try {
            DigitalInputProvider provider = ctx.provider(IOType.DIGITAL_INPUT);
            // debounce is done by GpioInputDriver, identically on every provider
            return provider.create(DigitalInput.newConfigBuilder(ctx).id(g.id()).address(g.pin()).pull(pull)
                    .debounce(0L).build());
        } catch (RuntimeException e) {
            throw new HardwareException("sensor " + g.id() + ": cannot open gpio " + g.pin() + " as input: " + e.getMessage(), e);
        }
    }

    private static DigitalOutput openOutput(Context ctx, ActuatorSpec.GpioOutput g) {
        DigitalState safe = g.safeState() ? DigitalState.HIGH : DigitalState.LOW;
        try {
            DigitalOutputProvider provider = ctx.provider(IOType.DIGITAL_OUTPUT);
            DigitalOutput out = provider.create(DigitalOutput.newConfigBuilder(ctx).id(g.id()).address(g.pin())
                    .initial(safe).shutdown(safe).build());
            out.state(safe);
            return out;
        } catch (RuntimeException e) {
            throw new HardwareException("actuator " + g.id() + ": cannot open gpio " + g.pin() + " as output: " + e.getMessage(), e);
        }
    }

    /** Hardware PWM channel of a BCM pin: 12/18 → channel 0, 13/19 → channel 1. */
    static int pwmChannel(int pin) {
        return switch (pin) {
            case 12, 18 -> 0;
            case 13, 19 -> 1;
            default -> -1;
        };
    }

    private static Pwm openPwm(Context ctx, ActuatorSpec.PwmOutput p) {
        int channel = pwmChannel(p.pin());
        if (channel < 0) {
            throw new HardwareException("actuator " + p.id() + ": gpio " + p.pin()
                    + " has no hardware PWM; use 12 or 18 (channel 0), 13 or 19 (channel 1)");
        }
        int safe = (int) Math.round(p.safeState() * 100);
        try {
            PwmProvider provider = ctx.provider(IOType.PWM);
            Pwm pwm = provider.create(Pwm.newConfigBuilder(ctx).id(p.id()).address(channel).pwmType(PwmType.HARDWARE)
                    .frequency(p.frequency()).initial(safe).shutdown(safe).build());
            if (safe == 0) {
                pwm.off();
            } else {
                pwm.on(safe, p.frequency());
            }
            return pwm;
        } catch (RuntimeException e) {
            throw new HardwareException("actuator " + p.id() + ": cannot open PWM channel " + channel + " (gpio " + p.pin()
                    + "): " + e.getMessage(), e);
        }
    }

    /** Runs whatever is due at {@code nowNanos} (sensor reads, input edges, max_on); returns the next due time. */
    public long runDue(long nowNanos) {
        return sampler.runDue(nowNanos);
    }

    /** The actuator with this id, if configured. */
    public Optional<Actuator> actuator(String id) {
        return outputs.actuator(id);
    }

    /** The sensors, in config order, for Thing Descriptions. */
    public List<ThingDescription> sensors() {
        return sensorDescriptions;
    }

    /** The actuators, in config order, for Thing Descriptions. */
    public List<ThingDescription> actuators() {
        return outputs.all().stream().map(Actuator::description).toList();
    }

    /** The simulator behind a {@link Provider#SIM} context (fault injection, recorded outputs); empty on a Pi. */
    public Optional<Simulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    /** Stops sampling, puts every actuator in its safe state and shuts Pi4J down. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sampler.close();
        List<String> failed = outputs.allSafe();
        failed.forEach(f -> LOG.log(System.Logger.Level.ERROR, "could not put actuator in its safe state: " + f));
        shutdownQuietly(context);
    }

    private static void shutdownQuietly(Context ctx) {
        try {
            ctx.shutdown();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Pi4J shutdown: " + e.getMessage());
        }
    }
}
