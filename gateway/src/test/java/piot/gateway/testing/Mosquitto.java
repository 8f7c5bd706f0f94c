package piot.gateway.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker for tests, on a free loopback port, anonymous, without persistence.
 * {@link #start} skips the test (with a message saying what to install) when the binary is
 * missing. {@link #stop} and {@link #restart} (same port) simulate a broker outage; {@link #close}
 * always kills it. Use with try-with-resources or from {@code @AfterEach}.
 */
public final class Mosquitto implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final int port;
    private Process process;

    private final String scheme;

    private Mosquitto(Path dir, int port, String scheme) {
        this.dir = dir;
        this.port = port;
        this.scheme = scheme;
    }

    /** Starts a broker in {@code dir} (its config and log live there), persistence off. */
    public static Mosquitto start(Path dir) throws IOException {
        return start(dir, false);
    }

    /**
     * Starts a broker whose sessions survive {@link #restart} (persistence on, saved at stop): a
     * consumer with a persistent session then misses nothing published while it was reconnecting.
     */
    public static Mosquitto startPersistent(Path dir) throws IOException {
        return start(dir, true);
    }

    /**
     * Starts a broker that speaks TLS with {@code certFile}/{@code keyFile} (PEM) and admits only
     * the users of {@code passwordFile} (made with {@code mosquitto_passwd}); {@link #url()} is ssl://.
     */
    public static Mosquitto startTls(Path dir, Path certFile, Path keyFile, Path passwordFile) throws IOException {
        return start(dir, false, List.of("certfile " + certFile, "keyfile " + keyFile, "password_file " + passwordFile,
                "allow_anonymous false"), "ssl");
    }

    /** Starts a plain broker with extra lines for its listener, e.g. {@code max_inflight_messages 4}. */
    public static Mosquitto startWith(Path dir, String... listenerLines) throws IOException {
        return start(dir, false, List.of(listenerLines), "tcp");
    }

    private static Mosquitto start(Path dir, boolean persistent) throws IOException {
        return start(dir, persistent, List.of(), "tcp");
    }

    private static Mosquitto start(Path dir, boolean persistent, List<String> listener, String scheme) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "Mosquitto is not installed (" + BINARY + "): apt-get install mosquitto mosquitto-clients, or run scripts/test");
        Mosquitto m = new Mosquitto(dir, freePort(), scheme);
        List<String> lines = new ArrayList<>(List.of("listener " + m.port + " 127.0.0.1"));
        lines.addAll(listener);
        if (listener.stream().noneMatch(l -> l.startsWith("allow_anonymous"))) {
            lines.add("allow_anonymous true");
        }
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n", lines) + "\n" + String.join("\n",
                // As root, mosquitto would switch to user mosquitto, who cannot write the test's directory.
                "user " + System.getProperty("user.name"),
                "persistence " + persistent,
                // The default 1000 drops what a persistent consumer misses while it reconnects after a restart,
                // when the bridge drains a larger backlog first.
                "max_queued_messages 0",
                "persistence_location " + dir + "/",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "log_type error",
                "log_type warning",
                "log_type notice",
                "") );
        m.launch();
        return m;
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:PORT}, or {@code ssl://…} for a TLS broker. */
    public String url() {
        return scheme + "://127.0.0.1:" + port;
    }

    /**
     * Stops the broker (SIGTERM, so a persistent broker saves its sessions; SIGKILL after 5 s) and
     * waits until it is gone. Clients see their connections drop.
     */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        process = null;
    }

    /** Starts the broker again on the same port (empty: persistence is off). */
    public void restart() throws IOException {
        stop();
        launch();
    }

    /** The broker's log, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Runs a Mosquitto command-line client ({@code mosquitto_pub …}) against this broker; returns its exit code. */
    public int cli(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cli.log").toFile()).start();
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 10 s");
        }
        return p.exitValue();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + log()
                        + readQuietly(dir.resolve("mosquitto.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                // not listening yet; bounded by the deadline
                try {
                    process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted starting mosquitto", e);
                }
            }
        }
        stop();
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT + ": " + log());
    }

    private static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
