package piot.gateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Debian Mosquitto the harness runs itself on a free loopback port, with persistence on (the
 * default 30-minute autosave, saved on shutdown) and inflight/queue limits lifted so it drops nothing.
 */
final class Mosquitto implements AutoCloseable {
    static final String BINARY = System.getProperty("piot.bench.mosquitto", "/usr/sbin/mosquitto");

    final int port;
    private final Path dir;
    private final String extra;
    private Process process;

    private Mosquitto(Path dir, int port, String extra) {
        this.dir = dir;
        this.port = port;
        this.extra = extra;
    }

    /** Starts a broker with {@code extra} appended to its config (e.g. a bridge). */
    static Mosquitto start(Path root, String name, String extra) throws IOException, InterruptedException {
        Mosquitto m = new Mosquitto(Temp.dir(root, "mosquitto-" + name + "-"), freePort(), extra);
        m.start();
        return m;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    void start() throws IOException, InterruptedException {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                // Started as root, Mosquitto would drop to user mosquitto and could not write our temp dir.
                "user " + System.getProperty("user.name"),
                "persistence true",
                "persistence_location " + dir + "/",
                "max_inflight_messages 0",
                "max_queued_messages 0",
                "max_queued_bytes 0",
                "log_dest file " + dir.resolve("mosquitto.log"),
                extra, ""));
        process = new ProcessBuilder(BINARY, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + "; see " + dir);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(20); // harness, not a test: waiting for an external process to listen
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within 10 s; see " + dir);
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Graceful stop (SIGTERM: Mosquitto saves its persistence file on the way out). */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
