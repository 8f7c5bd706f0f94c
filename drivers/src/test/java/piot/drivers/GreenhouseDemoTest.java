package piot.drivers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GreenhouseDemoTest {
    @Test
    void theDemoShowsReadingsAFaultAsAnErrorAndTheRecovery() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // 10 ms steps: the door's debounce (stable at 5.026 s) is seen at the 5.030 s step; the NACK window
        // (30..40 s) is retried at 31, 33, 37 and 45 s
        GreenhouseDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(60));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("[   0.000s] READ  air.temperature = 20.92 °C"), out);
        assertTrue(out.contains("[   5.030s] READ  door.level = 0.0"), out);
        assertTrue(out.contains("[  30.000s] ERROR air (i2c-1 0x76): reading chip id: i2c-1 0x76: remote I/O error (NACK) (retry in 1 s)"), out);
        assertTrue(out.contains("[  45.000s] OK    air answers again"), out);
        assertTrue(out.indexOf("OK    air answers again") < out.lastIndexOf("READ  air.temperature"), out);
        assertTrue(out.contains("ACT   pump on -> ActuationResult[applied=true, state=1.0, reason=]"), out);
    }
}
