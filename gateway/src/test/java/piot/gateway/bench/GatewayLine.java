package piot.gateway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import piot.gateway.app.Gateway;
import piot.gateway.runtime.TestMesh;

/**
 * Real gateways in this JVM joined in a line over loopback mutual TLS, each dialing the next,
 * simulated hardware, data under {@code dir}. Started from the far end so every dial finds its
 * peer listening. {@link #close} stops them all.
 */
final class GatewayLine implements AutoCloseable {
    final List<Gateway> gateways = new ArrayList<>(); // in line order
    final String[] names;

    /** {@code extra.apply(i)}: YAML appended to gateway i's device file (sensors, actuators). */
    GatewayLine(Path dir, String[] names, IntFunction<String> extra) throws Exception {
        this.names = names.clone();
        TestMesh net = new TestMesh(dir, "home");
        int n = names.length;
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) {
            ports[i] = TestMesh.freePort();
            net.issue(names[i]);
        }
        Gateway[] started = new Gateway[n];
        try {
            for (int i = n - 1; i >= 0; i--) {
                StringBuilder y = new StringBuilder(net.node(names[i], ports[i]) + net.security(names[i]));
                if (i + 1 < n) {
                    y.append("links:\n  - { peer: ").append(names[i + 1]).append(", address: 127.0.0.1:").append(ports[i + 1]).append(" }\n");
                }
                y.append("hardware: { provider: sim }\nhttp: { listen: 127.0.0.1:0 }\n").append(extra.apply(i));
                started[i] = Gateway.create(net.config(names[i], y.toString()), true);
                started[i].start();
            }
        } finally {
            for (Gateway g : started) {
                if (g != null) {
                    gateways.add(g);
                }
            }
        }
        if (gateways.size() != n) {
            close();
            throw new IllegalStateException("only " + gateways.size() + " of " + n + " gateways started");
        }
    }

    Gateway first() {
        return gateways.getFirst();
    }

    @Override
    public void close() {
        for (Gateway g : gateways) {
            g.close();
        }
    }
}
