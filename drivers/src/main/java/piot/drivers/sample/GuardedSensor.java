package piot.drivers.sample;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import piot.drivers.KeyDescription;

/**
 * A sensor read with a time limit. A device that holds SDA low blocks every transfer on its bus,
 * and the I2C driver below has no timeout of its own; unguarded, one such read would stop the one
 * sampler thread and with it every sensor and actuator of the gateway. Here each read runs on the
 * sensor's own daemon thread; past {@code timeout} the sampler gets a {@link ReadResult.Failed}
 * and moves on. While that read is still blocked no second one is started (a hung bus must not
 * collect a thread per attempt); its late result is discarded, since its moment has passed.
 */
public final class GuardedSensor implements SampledSensor {
    /** Long enough for any supported chip's slowest measurement (BME280 ×16 oversampling ≈ 113 ms). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private final SampledSensor inner;
    private final long timeoutNanos;
    private CompletableFuture<ReadResult> blocked; // owned by the sampler thread

    public GuardedSensor(SampledSensor inner, Duration timeout) {
        this.inner = inner;
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public ReadResult read() {
        if (blocked != null) {
            if (!blocked.isDone()) {
                return new ReadResult.Failed("still no answer from the previous read (I2C bus hung?)");
            }
            blocked = null;
        }
        CompletableFuture<ReadResult> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).name("piot-read-" + inner.id()).start(() -> {
            try {
                f.complete(inner.read());
            } catch (RuntimeException e) {
                f.complete(new ReadResult.Failed("driver error: " + e));
            }
        });
        try {
            return f.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            blocked = f;
            return new ReadResult.Failed("no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (I2C bus hung?)");
        } catch (ExecutionException e) {
            return new ReadResult.Failed("driver error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ReadResult.Failed("interrupted while reading");
        }
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public String where() {
        return inner.where();
    }

    @Override
    public String type() {
        return inner.type();
    }

    @Override
    public List<KeyDescription> keys() {
        return inner.keys();
    }
}
