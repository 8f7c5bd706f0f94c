package piot.gateway.fleet;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Installs piot packages on this node. The real one ({@link CommandInstaller}) runs a privileged
 * helper that calls {@code dpkg -i}; the package's postinst restarts piot, so {@link #install}
 * may never return in the process that called it. Tests use an in-process fake.
 */
public interface Installer {
    /** The version of the package in {@code deb}; throws when it is not a piot package. */
    String version(Path deb) throws IOException;

    /** Installs {@code deb} (and restarts piot); throws when the installer refused or failed. */
    void install(Path deb) throws IOException;
}
