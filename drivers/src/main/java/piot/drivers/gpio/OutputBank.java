package piot.drivers.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import piot.drivers.ActuationResult;
import piot.drivers.Actuator;
import piot.drivers.ActuatorSpec;
import piot.drivers.KeyDescription;
import piot.drivers.Reading;
import piot.drivers.ReadingSink;
import piot.drivers.ThingDescription;
import piot.drivers.sample.Task;
import piot.time.Clock;

/**
 * All actuators of one gateway under one lock, so interlocks ("pump and heater never on
 * together") are checked and applied atomically, and {@code max_on} auto-off runs as a sampler task.
 * Every change of state is reported as a {@link Reading} with key {@code state}.
 */
public final class OutputBank implements Task {
    private static final System.Logger LOG = System.getLogger(OutputBank.class.getName());

    private final Clock clock;
    private final ReadingSink sink;
    private final Map<String, Output> outputs = new LinkedHashMap<>();
    private final Object lock = new Object();

    public OutputBank(Clock clock, ReadingSink sink) {
        this.clock = clock;
        this.sink = sink;
    }

    /** Adds a relay/LED; the Pi4J output must already be in the safe state. */
    public void addRelay(ActuatorSpec.GpioOutput spec, DigitalOutput out) {
        outputs.put(spec.id(), new Relay(spec, out));
    }

    /** Adds a PWM channel; the Pi4J PWM must already be at the safe duty. */
    public void addPwm(ActuatorSpec.PwmOutput spec, Pwm pwm) {
        outputs.put(spec.id(), new PwmChannel(spec, pwm));
    }

    public Optional<Actuator> actuator(String id) {
        return Optional.ofNullable(outputs.get(id));
    }

    public List<Actuator> all() {
        return List.copyOf(outputs.values());
    }

    /** Applies every actuator's configured initial state (after the safe state at open). */
    public void applyInitial() {
        for (Output o : outputs.values()) {
            ActuationResult r = o.apply(o.initial());
            if (!r.applied()) {
                LOG.log(System.Logger.Level.WARNING, "actuator " + o.id() + " keeps its safe state: " + r.reason());
            }
        }
    }

    /** Puts every actuator in its safe state; returns the ids that failed with why. */
    public List<String> allSafe() {
        List<String> failed = new ArrayList<>();
        for (Output o : outputs.values()) {
            ActuationResult r = o.safeState();
            if (!r.applied()) {
                failed.add(o.id() + ": " + r.reason());
            }
        }
        return failed;
    }

    /** max_on: switches off every relay that has been on too long. */
    @Override
    public long runDue(long now) {
        long next = Long.MAX_VALUE;
        synchronized (lock) {
            for (Output o : outputs.values()) {
                if (o instanceof Relay r && r.on && !r.spec.maxOn().isZero()) {
                    long offAt = r.onSince + r.spec.maxOn().toNanos();
                    if (now >= offAt) {
                        LOG.log(System.Logger.Level.INFO, "actuator " + r.id() + " on for max_on " + r.spec.maxOn() + ": switching off");
                        r.set(false, now);
                    } else {
                        next = Math.min(next, offAt);
                    }
                }
            }
        }
        return next;
    }

    private abstract class Output implements Actuator {
        abstract ActuatorSpec spec();

        abstract Object initial();

        abstract Object safe();

        @Override
        public String id() {
            return spec().id();
        }

        @Override
        public ActuationResult safeState() {
            return apply(safe());
        }

        /** Which interlocked actuator is on now, if any (either side may list the other). */
        Optional<String> blockedBy() {
            for (Output other : outputs.values()) {
                if (other != this && other.isOn()
                        && (spec().interlock().contains(other.id()) || other.spec().interlock().contains(id()))) {
                    return Optional.of(other.id());
                }
            }
            return Optional.empty();
        }

        void report(double state, long now) {
            sink.onReading(new Reading(id(), "state", state, "", clock.wallMillis(), now));
        }
    }

    private final class Relay extends Output {
        final ActuatorSpec.GpioOutput spec;
        final DigitalOutput out;
        boolean on;
        long onSince;

        Relay(ActuatorSpec.GpioOutput spec, DigitalOutput out) {
            this.spec = spec;
            this.out = out;
            this.on = out.state().isHigh();
        }

        @Override
        ActuatorSpec spec() {
            return spec;
        }

        @Override
        Object initial() {
            return spec.initial();
        }

        @Override
        Object safe() {
            return spec.safeState();
        }

        @Override
        public ActuationResult apply(Object value) {
            Boolean want = parse(value);
            synchronized (lock) {
                if (want == null) {
                    return ActuationResult.refused(state(), "gpio-output " + id() + " accepts on/off, true/false or 1/0, not '" + value + "'");
                }
                if (want) {
                    Optional<String> other = blockedBy();
                    if (other.isPresent()) {
                        return ActuationResult.refused(state(), "interlock: " + other.get() + " is on");
                    }
                }
                try {
                    set(want, clock.nanoTime());
                } catch (RuntimeException e) {
                    return ActuationResult.refused(state(), "output error on gpio " + spec.pin() + ": " + e.getMessage());
                }
                return ActuationResult.ok(state());
            }
        }

        void set(boolean want, long now) {
            out.state(want ? DigitalState.HIGH : DigitalState.LOW);
            if (want != on) {
                on = want;
                onSince = now;
                report(want ? 1 : 0, now);
            }
        }

        @Override
        public double state() {
            synchronized (lock) {
                return on ? 1 : 0;
            }
        }

        @Override
        public ThingDescription description() {
            return new ThingDescription(id(), "gpio-output", true, List.of(new KeyDescription("state", "")), "gpio " + spec.pin());
        }

        private static Boolean parse(Object v) {
            if (v instanceof Boolean b) {
                return b;
            }
            if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
                return n.doubleValue() == 1;
            }
            if (v instanceof String s) {
                return switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "on", "true", "1" -> true;
                    case "off", "false", "0" -> false;
                    default -> null;
                };
            }
            return null;
        }
    }

    private final class PwmChannel extends Output {
        final ActuatorSpec.PwmOutput spec;
        final Pwm pwm;
        double duty;

        PwmChannel(ActuatorSpec.PwmOutput spec, Pwm pwm) {
            this.spec = spec;
            this.pwm = pwm;
            this.duty = spec.safeState();
        }

        @Override
        ActuatorSpec spec() {
            return spec;
        }

        @Override
        Object initial() {
            return spec.initial();
        }

        @Override
        Object safe() {
            return spec.safeState();
        }

        @Override
        public ActuationResult apply(Object value) {
            Double want = parse(value);
            synchronized (lock) {
                if (want == null) {
                    return ActuationResult.refused(state(), "pwm-output " + id() + " accepts a duty cycle 0..1, not '" + value + "'");
                }
                int percent = (int) Math.round(want * 100);
                if (percent > 0) {
                    Optional<String> other = blockedBy();
                    if (other.isPresent()) {
                        return ActuationResult.refused(state(), "interlock: " + other.get() + " is on");
                    }
                }
                try {
                    if (percent == 0) {
                        pwm.off();
                    } else {
                        pwm.on(percent, spec.frequency());
                    }
                } catch (RuntimeException e) {
                    return ActuationResult.refused(state(), "PWM error on gpio " + spec.pin() + ": " + e.getMessage());
                }
                double now = percent / 100.0;
                if (now != duty) {
                    duty = now;
                    report(duty, clock.nanoTime());
                }
                return ActuationResult.ok(duty);
            }
        }

        @Override
        public double state() {
            synchronized (lock) {
                return duty;
            }
        }

        @Override
        public ThingDescription description() {
            return new ThingDescription(id(), "pwm-output", true, List.of(new KeyDescription("state", "")), "gpio " + spec.pin());
        }

        private static Double parse(Object v) {
            double d;
            if (v instanceof Number n) {
                d = n.doubleValue();
            } else if (v instanceof String s) {
                try {
                    d = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                return null;
            }
            return d >= 0 && d <= 1 ? d : null;
        }
    }
}
