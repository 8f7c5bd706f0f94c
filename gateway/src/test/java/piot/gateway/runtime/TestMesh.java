package piot.gateway.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import piot.gateway.config.ConfigLoader;
import piot.gateway.config.DeviceConfig;
import piot.gateway.config.LoadResult;
import piot.gateway.mesh.pki.Credentials;
import piot.gateway.mesh.pki.NetworkCa;
import piot.gateway.mesh.pki.Pem;

/** A network's PKI in a temp directory, device files written there and loaded by the real parser. */
public final class TestMesh {
    private final Path dir;
    private final Credentials ca;

    public TestMesh(Path dir, String network) throws IOException {
        this.dir = dir;
        Instant now = Instant.now();
        this.ca = NetworkCa.create(network, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        Pem.write(dir.resolve("ca.crt"), ca.certificate());
    }

    /** Writes NODE.crt and NODE.key issued to {@code node}. */
    public void issue(String node) throws IOException {
        Instant now = Instant.now();
        Credentials c = NetworkCa.issue(ca, node, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        Pem.write(dir.resolve(node + ".crt"), c.certificate());
        Pem.write(dir.resolve(node + ".key"), c.key());
    }

    /** The security section for {@code certNode}'s files. */
    public String security(String certNode) {
        return "security:\n  ca: " + dir.resolve("ca.crt") + "\n  cert: " + dir.resolve(certNode + ".crt") + "\n  key: "
                + dir.resolve(certNode + ".key") + "\n";
    }

    /** The node section: mesh on 127.0.0.1:{@code port}, data in the temp dir, 500 ms heartbeat × 3. */
    public String node(String name, int port) {
        return "node:\n  name: " + name + "\n  network: home\n  listen: 127.0.0.1:" + port + "\n  data_dir: "
                + dir.resolve("data-" + name) + "\n  heartbeat: 500ms\n  heartbeat_misses: 3\n";
    }

    /** Writes {@code yaml} to NAME.yaml and loads it with {@link ConfigLoader}. */
    public DeviceConfig config(String name, String yaml) {
        try {
            Path file = dir.resolve(name + ".yaml");
            Files.writeString(file, yaml);
            return switch (ConfigLoader.load(file)) {
                case LoadResult.Loaded ok -> ok.config();
                case LoadResult.Invalid bad -> throw new AssertionError("invalid test config " + name + ": " + bad.problems());
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The network CA (to issue operator certificates in fleet tests). */
    public Credentials ca() {
        return ca;
    }

    public Path dir() {
        return dir;
    }

    /** A port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code condition} holds, polling, or fails after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(20_000_000); // the polling interval of the await loop
        }
    }

    /**
     * The value of {@code series} (e.g. {@code piot_messages_in_total{type="action"}}) in metrics
     * {@code text}, or, when it ends in "{", the sum over all its labels; 0 when absent.
     */
    public static double sample(String text, String series) {
        return text.lines().filter(l -> series.endsWith("{") ? l.startsWith(series) : l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
