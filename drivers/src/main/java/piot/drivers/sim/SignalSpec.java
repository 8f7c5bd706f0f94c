package piot.drivers.sim;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated physical quantity over simulated time (from {@code simulation.sensors}). Every
 * signal is a pure function of time and a seed, so a run with a {@link piot.time.ManualClock} is
 * exactly repeatable. Constructors reject bad parameters with {@link IllegalArgumentException}.
 */
public sealed interface SignalSpec {
    /** The value at {@code tNanos} simulated nanoseconds after the simulator started. */
    double valueAt(long tNanos, long seed);

    /** A fixed value. */
    record Constant(double value) implements SignalSpec {
        public Constant {
            finite("constant value", value);
        }

        @Override
        public double valueAt(long tNanos, long seed) {
            return value;
        }
    }

    /** From {@code from} to {@code to} linearly over {@code over}, then holds at {@code to}. */
    record Ramp(double from, double to, Duration over) implements SignalSpec {
        public Ramp {
            finite("ramp from", from);
            finite("ramp to", to);
            positive("ramp over", over);
        }

        @Override
        public double valueAt(long tNanos, long seed) {
            double f = Math.min(1.0, Math.max(0.0, (double) tNanos / over.toNanos()));
            return from + (to - from) * f;
        }
    }

    /** {@code mean + amplitude * sin(2πt/period)} plus gaussian noise of standard deviation {@code noise}. */
    record Sine(double mean, double amplitude, Duration period, double noise) implements SignalSpec {
        public Sine {
            finite("sine mean", mean);
            finite("sine amplitude", amplitude);
            positive("sine period", period);
            if (!(noise >= 0) || Double.isInfinite(noise)) {
                throw new IllegalArgumentException("sine noise " + noise + " must be a standard deviation >= 0");
            }
        }

        @Override
        public double valueAt(long tNanos, long seed) {
            double v = mean + amplitude * Math.sin(2 * Math.PI * ((double) tNanos / period.toNanos()));
            if (noise == 0) {
                return v;
            }
            // Noise is a function of (seed, t), not of call order, so re-reading a time gives the same value.
            return v + noise * new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ tNanos).nextGaussian();
        }
    }

    /** A point of a recorded series. */
    record Point(Duration at, double value) {
        public Point {
            if (at == null || at.isNegative()) {
                throw new IllegalArgumentException("series point time " + at + " must be >= 0");
            }
            finite("series value", value);
        }
    }

    /** A recorded series: linear between points, flat before the first, repeating after the last. */
    record Series(List<Point> points) implements SignalSpec {
        public Series {
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("series needs at least one point");
            }
            for (int i = 1; i < points.size(); i++) {
                if (points.get(i).at().compareTo(points.get(i - 1).at()) <= 0) {
                    throw new IllegalArgumentException("series times must increase: " + points.get(i - 1).at()
                            + " then " + points.get(i).at());
                }
            }
        }

        @Override
        public double valueAt(long tNanos, long seed) {
            long last = points.get(points.size() - 1).at().toNanos();
            long t = last > 0 ? tNanos % last : tNanos;
            if (last > 0 && tNanos >= last && t == 0) {
                t = last; // the end of one repetition shows the last point, not the first
            }
            Point prev = points.get(0);
            if (t <= prev.at().toNanos()) {
                return prev.value();
            }
            for (Point p : points) {
                long pt = p.at().toNanos();
                if (t <= pt) {
                    long p0 = prev.at().toNanos();
                    return prev.value() + (p.value() - prev.value()) * ((double) (t - p0) / (pt - p0));
                }
                prev = p;
            }
            return prev.value();
        }
    }

    /**
     * A digital pulse: high (1) for {@code width} at the start of every {@code period}, low (0)
     * otherwise. At each change the contact bounces {@code bounce} times: it falls back to the old
     * level for 1 ms and returns 1 ms later, {@code bounce} times, before settling.
     */
    record Pulse(Duration period, Duration width, int bounce) implements SignalSpec {
        static final long BOUNCE_STEP_NANOS = 1_000_000;

        public Pulse {
            positive("pulse period", period);
            positive("pulse width", width);
            if (width.compareTo(period) >= 0) {
                throw new IllegalArgumentException("pulse width " + width + " must be shorter than its period " + period);
            }
            if (bounce < 0 || bounce > 100) {
                throw new IllegalArgumentException("pulse bounce " + bounce + " not in 0..100");
            }
            long chatter = 2L * bounce * BOUNCE_STEP_NANOS;
            if (chatter >= width.toNanos() || chatter >= period.minus(width).toNanos()) {
                throw new IllegalArgumentException("pulse bounce " + bounce + " (" + 2 * bounce
                        + " ms of chatter) does not fit in its width and gap");
            }
        }

        @Override
        public double valueAt(long tNanos, long seed) {
            long phase = Math.floorMod(tNanos, period.toNanos());
            long w = width.toNanos();
            boolean high = phase < w;
            long sinceChange = high ? phase : phase - w;
            long chatter = 2L * bounce * BOUNCE_STEP_NANOS;
            // the very first rise at t=0 is where the signal starts, not a contact closing
            if (sinceChange < chatter && !(high && tNanos < period.toNanos())) {
                boolean backToOld = (sinceChange / BOUNCE_STEP_NANOS) % 2 == 1;
                high = backToOld != high;
            }
            return high ? 1 : 0;
        }
    }

    private static void finite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number, not " + v);
        }
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be a positive duration, not " + d);
        }
    }
}
