package piot.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a new user sees from {@code piot demo}: every scenario step happens and the demo ends cleanly. */
class DemoCommandIT {
    @TempDir
    Path dir;

    @Test
    void theDemoShowsReadingsAnOutageHealingAndAnActionCompletingAcrossTwoHops() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("demo", "--dir", dir.toString(), "--duration", "1", "--no-mqtt");
        String text = out.toString();
        assertEquals(0, code, () -> text + err);
        assertTrue(text.contains("readings flow: "), text);
        assertTrue(text.matches("(?s).*greenhouse-1 holds \\d+ messages for barn-1.*"), text);
        assertTrue(text.contains("nothing lost"), text);
        assertTrue(text.matches("(?s).*action \\S+: completed.*"), text);
        assertTrue(text.contains("every actuator is in its safe state"), text);
        for (String node : DemoSite.NODES) {
            assertTrue(Files.isRegularFile(dir.resolve(node + ".yaml")), node);
            assertEquals(0, Main.execute("validate", dir.resolve(node + ".yaml").toString()), node + " config is valid");
        }
    }

    @Test
    void withoutDirTheDemoRemovesItsTemporaryDirectoryWhenItStops() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("demo", "--duration", "1", "--no-mqtt");
        String text = out.toString();
        assertEquals(0, code, () -> text + err);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("three simulated gateways in (\\S+)").matcher(text);
        assertTrue(m.find(), text);
        Path made = Path.of(m.group(1));
        assertTrue(made.getFileName().toString().startsWith("piot-demo-"), made.toString());
        assertTrue(!Files.exists(made), made + " is left behind:\n" + text + err);
    }
}
