package piot.gateway.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real installer's commands, on .deb files built here with dpkg-deb (no root, nothing installed). */
class CommandInstallerTest {
    @TempDir
    Path dir;

    private Path deb(String pkg, String version) throws Exception {
        Path root = dir.resolve(pkg + "-" + version);
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.writeString(root.resolve("DEBIAN/control"), "Package: " + pkg + "\nVersion: " + version
                + "\nArchitecture: all\nMaintainer: test <t@example.org>\nDescription: test package\n");
        Path out = dir.resolve(pkg + "_" + version + ".deb");
        Process p = new ProcessBuilder("dpkg-deb", "--root-owner-group", "--build", root.toString(), out.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
        return out;
    }

    @Test
    void readsThePiotVersionAndRefusesOtherPackages() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "needs dpkg-deb");
        CommandInstaller installer = new CommandInstaller(List.of("true"));
        assertEquals("0.2.0-1", installer.version(deb("piot", "0.2.0-1")));
        IOException e = assertThrows(IOException.class, () -> installer.version(deb("evil", "1.0")));
        assertTrue(e.getMessage().contains("not a piot package"), e.getMessage());
        assertThrows(IOException.class, () -> installer.version(Files.writeString(dir.resolve("junk.deb"), "junk")));
    }

    @Test
    void runsTheInstallCommandWithThePackageAndReportsItsFailure() throws Exception {
        Path log = dir.resolve("installed");
        new CommandInstaller(List.of("sh", "-c", "echo \"$0\" > " + log)).install(dir.resolve("piot_2.deb"));
        assertEquals(dir.resolve("piot_2.deb").toString(), Files.readString(log).strip());
        IOException e = assertThrows(IOException.class,
                () -> new CommandInstaller(List.of("sh", "-c", "echo dpkg: error >&2; exit 3")).install(dir.resolve("x.deb")));
        assertTrue(e.getMessage().contains("exit 3") && e.getMessage().contains("dpkg: error"), e.getMessage());
    }
}
