package piot.gateway.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import piot.gateway.mesh.pki.Credentials;
import piot.gateway.mesh.pki.NetworkCa;
import piot.gateway.mesh.pki.Pem;

/**
 * The files of the demo site: a network CA, three node certificates and three device files
 * (greenhouse, barn, controller in a line, so an action from the controller to the greenhouse
 * crosses two hops), on free loopback ports. Written once into a directory; the demo then runs
 * ordinary gateways from them, exactly as {@code piot run} would.
 */
final class DemoSite {
    static final String NETWORK = "demo";
    static final String GREENHOUSE = "greenhouse-1";
    static final String BARN = "barn-1";
    static final String CONTROLLER = "controller-1";
    static final List<String> NODES = List.of(GREENHOUSE, BARN, CONTROLLER);

    private final Path dir;
    private final Map<String, Integer> meshPorts = new LinkedHashMap<>();
    private final Map<String, Integer> httpPorts = new LinkedHashMap<>();

    private DemoSite(Path dir) {
        this.dir = dir;
    }

    /** Writes the site into {@code dir}; {@code mqttUrl} (may be null) is bridged by the controller. */
    static DemoSite write(Path dir, String mqttUrl) throws IOException {
        DemoSite site = new DemoSite(dir.toAbsolutePath());
        Files.createDirectories(site.dir.resolve("pki"));
        List<Integer> ports = freePorts(6);
        for (int i = 0; i < NODES.size(); i++) {
            site.meshPorts.put(NODES.get(i), ports.get(i));
            site.httpPorts.put(NODES.get(i), ports.get(i + 3));
        }
        site.writePki();
        site.writeConfig(GREENHOUSE, greenhouseHardware(), List.of());
        site.writeConfig(BARN, barnHardware(), List.of(GREENHOUSE));
        site.writeConfig(CONTROLLER, mqttUrl == null ? "" : """
                mqtt:
                  url: %s
                  homeassistant: true
                  bridge: all
                """.formatted(mqttUrl), List.of(BARN));
        return site;
    }

    Path config(String node) {
        return dir.resolve(node + ".yaml");
    }

    String httpUrl(String node) {
        return "http://127.0.0.1:" + httpPorts.get(node) + "/";
    }

    Path dir() {
        return dir;
    }

    /** Whether something accepts TCP connections at {@code host:port} within a short timeout. */
    static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void writePki() throws IOException {
        Instant now = Instant.now();
        Instant until = now.plus(Duration.ofDays(365));
        Credentials ca = NetworkCa.create(NETWORK, now.minus(Duration.ofMinutes(5)), until);
        Path pki = dir.resolve("pki");
        writeFresh(pki.resolve("ca.crt"), ca.certificate());
        writeFresh(pki.resolve("ca.key"), ca.key());
        for (String node : NODES) {
            Credentials c = NetworkCa.issue(ca, node, now.minus(Duration.ofMinutes(5)), until);
            writeFresh(pki.resolve(node + ".crt"), c.certificate());
            writeFresh(pki.resolve(node + ".key"), c.key());
        }
    }

    private static void writeFresh(Path file, Object pem) throws IOException {
        Files.deleteIfExists(file);
        Pem.write(file, pem);
    }

    private void writeConfig(String node, String body, List<String> linksTo) throws IOException {
        StringBuilder links = new StringBuilder();
        if (!linksTo.isEmpty()) {
            links.append("links:\n");
            for (String peer : linksTo) {
                links.append("  - { peer: ").append(peer).append(", address: 127.0.0.1:")
                        .append(meshPorts.get(peer)).append(" }\n");
            }
        }
        Path pki = dir.resolve("pki");
        String yaml = """
                # Written by `piot demo`: one gateway of the demo site, simulated hardware.
                node:
                  name: %s
                  network: %s
                  listen: 127.0.0.1:%d
                  data_dir: %s
                security:
                  ca: %s
                  cert: %s
                  key: %s
                %shardware: { provider: sim }
                http:
                  listen: 127.0.0.1:%d
                %s""".formatted(node, NETWORK, meshPorts.get(node), dir.resolve("data").resolve(node),
                pki.resolve("ca.crt"), pki.resolve(node + ".crt"), pki.resolve(node + ".key"),
                links, httpPorts.get(node), body);
        Files.writeString(config(node), yaml);
    }

    private static String greenhouseHardware() {
        return """
                sensors:
                  - { id: air, type: bme280, i2c: { bus: 1, address: 0x76 }, interval: 2s }
                  - { id: door, type: gpio-input, pin: 17, pull: up, debounce: 20ms }
                actuators:
                  - { id: pump, type: gpio-output, pin: 27, safe_state: off, max_on: 10m }
                simulation:
                  seed: 7
                  sensors:
                    air:
                      temperature: { signal: sine, mean: 22, amplitude: 4, period: 2m, noise: 0.05 }
                      humidity: { signal: sine, mean: 60, amplitude: 10, period: 3m, noise: 0.2 }
                      pressure: { signal: ramp, from: 1008, to: 1012, over: 10m }
                    door: { level: { signal: pulse, period: 40s, width: 8s, bounce: 3 } }
                """;
    }

    private static String barnHardware() {
        return """
                sensors:
                  - { id: climate, type: sht31, i2c: { bus: 1, address: 0x44 }, interval: 3s }
                  - { id: lux, type: bh1750, i2c: { bus: 1, address: 0x23 }, interval: 5s }
                actuators:
                  - { id: fan, type: pwm-output, pin: 18, frequency: 25000, safe_state: 0 }
                simulation:
                  seed: 11
                  sensors:
                    climate:
                      temperature: { signal: sine, mean: 12, amplitude: 3, period: 5m, noise: 0.05 }
                      humidity: { signal: constant, value: 75 }
                    lux: { light: { signal: series, points: [[0s, 50], [30s, 800], [60s, 50]] } }
                """;
    }

    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
