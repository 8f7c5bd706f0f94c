package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.Append;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.holding.Overflow;
import piot.gateway.router.Directory;
import piot.time.Clock;

/** {@code piot_holding_depth} and {@code piot_holding_dropped_total} follow holding's own counts. */
class HoldingMetricsTest {
    @TempDir
    Path dir;

    @Test
    void overflowDropsAreCountedOnceEachAndDepthIsShown() throws Exception {
        try (NodeStore store = NodeStore.open(dir, HoldingConfig.defaults().withLimits(3, 1 << 20, Overflow.DROP_OLDEST), Clock.system())) {
            GatewayStatus status = new GatewayStatus("gh", "home", "test", Clock.system(), new Directory(), store);
            for (int i = 0; i < 5; i++) {
                store.linkStore().append(Append.event("barn-1", new byte[] {(byte) i})).get();
            }
            status.refreshGauges();
            String text = status.metrics().render();
            assertTrue(text.contains("piot_holding_dropped_total{peer=\"barn-1\",reason=\"overflow\"} 2\n"), text);
            assertTrue(text.contains("piot_holding_depth{peer=\"barn-1\"} 3\n"), text);

            status.refreshGauges();
            assertTrue(status.metrics().render().contains("piot_holding_dropped_total{peer=\"barn-1\",reason=\"overflow\"} 2\n"),
                    "a second look adds nothing new");
            store.linkStore().append(Append.event("barn-1", new byte[] {9})).get();
            status.refreshGauges();
            assertTrue(status.metrics().render().contains("piot_holding_dropped_total{peer=\"barn-1\",reason=\"overflow\"} 3\n"),
                    status.metrics().render());
        }
    }
}
