package piot.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on; read from /proc so the report needs no extra tools. */
record Machine(int cpus, String cpuModel, String memory, String kernel, String jdk) {
    static Machine probe() {
        String model = grep(Path.of("/proc/cpuinfo"), "model name").orElse("unknown");
        String mem = grep(Path.of("/proc/meminfo"), "MemTotal").map(m -> {
            long kb = Long.parseLong(m.replaceAll("[^0-9]", ""));
            return String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }).orElse("unknown");
        String kernel = read(Path.of("/proc/sys/kernel/osrelease")).orElse(System.getProperty("os.version"));
        String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
        return new Machine(Runtime.getRuntime().availableProcessors(), model, mem, kernel, jdk);
    }

    /** The 1/5/15-minute load averages, as /proc/loadavg says them. */
    static String loadAverage() {
        return read(Path.of("/proc/loadavg")).map(s -> String.join(" ", List.of(s.split(" ")).subList(0, 3))).orElse("unknown");
    }

    private static java.util.Optional<String> grep(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<String> read(Path file) {
        try {
            return java.util.Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
