package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.app.Gateway;
import piot.gateway.config.DeviceConfig;
import piot.gateway.holding.NodeStore;

/** A gateway whose SQLite file is damaged does not start on it: it says which file and what to do, and keeps it. */
class StorageStartFaultTest {
    @TempDir
    Path dir;

    @Test
    void aCorruptedDatabaseStopsTheStartWithItsNameAndTheWayOutAndIsKeptAsItWas() throws Exception {
        TestMesh net = new TestMesh(dir, "home");
        DeviceConfig c = net.config("solo-1", net.node("solo-1", 0) + "http: { listen: 127.0.0.1:0 }\n");
        Path data = dir.resolve("data-solo-1");
        try (Gateway g = Gateway.create(c, true)) {
            g.start();
        }
        Path file = data.resolve(NodeStore.FILE_NAME);
        byte[] damaged = Files.readAllBytes(file);
        // A torn write over the header and the first pages (what a power cut mid-write on a bad SD card leaves).
        for (int i = 0; i < Math.min(damaged.length, 8192); i++) {
            damaged[i] = (byte) (i * 31 + 7);
        }
        Files.write(file, damaged);

        Gateway g = Gateway.create(c, true);
        Exception e = assertThrows(Exception.class, g::start);
        g.close();
        String message = e.getMessage();
        assertTrue(message.contains(file.toAbsolutePath().toString()), message);
        assertTrue(message.contains("--move-corrupt-aside"), message);
        assertArrayEquals(damaged, Files.readAllBytes(file), "the damaged file is left for inspection");
    }
}
