package piot.gateway.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link Installer} by commands: the version from {@code dpkg-deb -f DEB Package Version}, the
 * install by {@code COMMAND… DEB} ({@code fleet.install_command}). The default, {@code /usr/lib/piot/piot-install --request}, hands
 * the package to the root helper through {@code piot-install.path}: piot.service runs with
 * NoNewPrivileges and no capabilities, so sudo cannot work from it, and the install must run in
 * its own unit so piot's restart by postinst does not kill it. {@code sudo -n
 * /usr/lib/piot/piot-install} is for a piot run outside that unit (docs/fleet.md).
 */
public final class CommandInstaller implements Installer {
    private static final long TIMEOUT_SECONDS = 300;

    private final List<String> command;

    public CommandInstaller(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public String version(Path deb) throws IOException {
        String out = run(List.of("dpkg-deb", "-f", deb.toString(), "Package", "Version"));
        String pkg = "";
        String version = "";
        for (String line : out.lines().toList()) {
            if (line.startsWith("Package:")) pkg = line.substring(8).strip();
            if (line.startsWith("Version:")) version = line.substring(8).strip();
        }
        if (!pkg.equals("piot") || version.isEmpty()) {
            throw new IOException(deb.getFileName() + " is not a piot package (Package: " + pkg + ")");
        }
        return version;
    }

    @Override
    public void install(Path deb) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(deb.toString());
        run(cmd);
    }

    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + cmd.getFirst(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + out.strip());
        }
        return out;
    }
}
