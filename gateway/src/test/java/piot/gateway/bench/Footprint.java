package piot.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import piot.gateway.app.Main;
import piot.gateway.mesh.pki.Credentials;
import piot.gateway.mesh.pki.NetworkCa;
import piot.gateway.mesh.pki.Pem;

/**
 * Benchmark 5: {@code piot run --sim} as its own JVM with 10 simulated sensors and no peers: the
 * time from process start to the first reading visible on its HTTP API, and its resident memory
 * after {@link #IDLE_SECONDS} s. Optionally with a JDK 25 AOT cache recorded by a training run.
 */
final class Footprint {
    static final int IDLE_SECONDS = 5;
    /** Small-device JVM flags: one GC thread, C1 only, a heap sized for the gateway. */
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx48m", "-Xss512k",
            "-XX:ReservedCodeCacheSize=24m", "-XX:MaxMetaspaceSize=64m");
    private static final Pattern READING = Pattern.compile("\"value\":-?[0-9]");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /** Start-up time and memory of one run; NaN where it was not reached. */
    record Result(double firstReadingSeconds, double cpuSecondsToFirst, double rssMiB) {
        @Override
        public String toString() {
            return "first reading " + Summary.num(firstReadingSeconds) + " s (" + Summary.num(cpuSecondsToFirst)
                    + " s CPU), RSS " + Summary.num(rssMiB) + " MiB";
        }
    }

    private Footprint() {}

    static Result run(Path root, Path aotCache) throws Exception {
        Path dir = Temp.dir(root, "footprint-");
        int http = Mosquitto.freePort();
        Path config = config(dir, http);
        List<String> cmd = command(config, aotCache == null ? List.of() : List.of("-XX:AOTCache=" + aotCache));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile()).start();
        try {
            double first = Double.NaN;
            double cpu = Double.NaN;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
            URI thing = URI.create("http://127.0.0.1:" + http + "/api/things/bench/air1");
            while (System.nanoTime() < deadline && p.isAlive()) {
                if (READING.matcher(get(thing)).find()) {
                    first = (System.nanoTime() - t0) / 1e9;
                    cpu = Cpu.ofNanos(p.toHandle()) / 1e9;
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(IDLE_SECONDS));
            double rss = p.isAlive() ? rssMiB(p.pid()) : Double.NaN;
            return new Result(first, cpu, rss);
        } finally {
            stop(p);
            Temp.delete(dir);
        }
    }

    /**
     * Records an AOT cache (JDK 25 {@code -XX:AOTCacheOutput}) with one training run of the same
     * gateway; null when this JDK cannot (the report then says so).
     */
    static Path trainAotCache(Path root) throws Exception {
        if (Runtime.version().feature() < 25) {
            return null;
        }
        Path dir = Temp.dir(root, "aot-");
        Path cache = root.resolve("piot.aot");
        int http = Mosquitto.freePort();
        Path config = config(dir, http);
        Process p = new ProcessBuilder(command(config, List.of("-XX:AOTCacheOutput=" + cache))).redirectErrorStream(true)
                .redirectOutput(dir.resolve("training.log").toFile()).start();
        try {
            URI thing = URI.create("http://127.0.0.1:" + http + "/api/things/bench/air1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && p.isAlive() && !READING.matcher(get(thing)).find()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
        } finally {
            p.destroy(); // SIGTERM: a normal JVM exit, which writes the cache
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (!Files.isRegularFile(cache)) {
            System.err.println("bench: no AOT cache was written; see " + dir.resolve("training.log") + ":\n"
                    + Files.readString(dir.resolve("training.log")).lines().limit(20).reduce("", (a, b) -> a + b + "\n"));
            return null;
        }
        Temp.delete(dir);
        return cache;
    }

    private static List<String> command(Path config, List<String> extra) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(FLAGS);
        cmd.addAll(extra);
        cmd.addAll(List.of("-cp", jarredClassPath(config.getParent().getParent()), Main.class.getName(), "run", "--config",
                config.toString(), "--sim"));
        return cmd;
    }

    /**
     * This JVM's class path with every class directory packed into a jar under {@code root}, as
     * an installed gateway runs (and as the AOT cache requires: it refuses class directories).
     */
    private static synchronized String jarredClassPath(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.isDirectory(p)) {
                out.add(entry);
                continue;
            }
            Path jar = root.resolve("classes-" + (n++) + ".jar");
            if (!Files.exists(jar)) {
                Path tmp = root.resolve(jar.getFileName() + ".tmp");
                try (var zip = new java.util.jar.JarOutputStream(Files.newOutputStream(tmp));
                     var files = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                        zip.putNextEntry(new java.util.jar.JarEntry(p.relativize(f).toString().replace('\\', '/')));
                        Files.copy(f, zip);
                        zip.closeEntry();
                    }
                }
                Files.move(tmp, jar);
            }
            out.add(jar.toString());
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    private static Path config(Path dir, int httpPort) throws IOException {
        Instant now = Instant.now();
        Credentials ca = NetworkCa.create("bench", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
        Credentials me = NetworkCa.issue(ca, "bench", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
        Pem.write(dir.resolve("ca.crt"), ca.certificate());
        Pem.write(dir.resolve("bench.crt"), me.certificate());
        Pem.write(dir.resolve("bench.key"), me.key());
        StringBuilder y = new StringBuilder("node:\n  name: bench\n  network: bench\n  listen: 127.0.0.1:0\n  data_dir: "
                + dir.resolve("data") + "\nsecurity:\n  ca: " + dir.resolve("ca.crt") + "\n  cert: " + dir.resolve("bench.crt")
                + "\n  key: " + dir.resolve("bench.key") + "\nhardware: { provider: sim }\nhttp: { listen: 127.0.0.1:" + httpPort
                + " }\nsensors:\n");
        for (int s = 1; s <= 10; s++) {
            y.append("  - { id: air").append(s).append(", type: bme280, i2c: { bus: ").append(s).append(", address: 0x76 }, interval: 1s }\n");
        }
        Path f = dir.resolve("bench.yaml");
        Files.writeString(f, y.toString());
        return f;
    }

    private static String get(URI uri) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
