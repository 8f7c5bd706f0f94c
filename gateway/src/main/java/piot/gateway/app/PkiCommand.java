package piot.gateway.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import piot.gateway.mesh.pki.Credentials;
import piot.gateway.mesh.pki.NetworkCa;
import piot.gateway.mesh.pki.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code piot pki init NETWORK [--dir DIR]} and {@code piot pki issue NODE [--dir DIR] [--days N]}:
 * a network's CA ({@code DIR/ca.crt}, {@code DIR/ca.key}) and node keys and certificates signed by
 * it ({@code DIR/NODE.crt}, {@code DIR/NODE.key}). Existing files are never overwritten. Exit 0 on
 * success, 1 with a message on stderr otherwise.
 */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Make a network's certificate authority and node certificates.",
        subcommands = {PkiCommand.Init.class, PkiCommand.Issue.class, PkiCommand.IssueOperator.class})
public final class PkiCommand implements Callable<Integer> {
    /** Certificates start a day early: a Pi without an RTC may boot with a clock that lags. */
    static final Duration BACKDATE = Duration.ofDays(1);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create DIR/ca.crt and DIR/ca.key for NETWORK.")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NETWORK", description = "network name, [a-z][a-z0-9_-]{0,31}")
        String network;

        @Option(names = "--dir", defaultValue = ".", description = "directory for the files (default: current)")
        Path dir;

        @Option(names = "--days", defaultValue = "7300", description = "CA validity in days (default: ${DEFAULT-VALUE})")
        int days;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                requireDays(days);
                Path crt = dir.resolve("ca.crt");
                Path key = dir.resolve("ca.key");
                refuseExisting(crt, key);
                Files.createDirectories(dir);
                Instant now = Instant.now();
                Credentials ca = NetworkCa.create(network, now.minus(BACKDATE), now.plus(Duration.ofDays(days)));
                Pem.write(key, ca.key());
                Pem.write(crt, ca.certificate());
                spec.commandLine().getOut().println("wrote " + crt + " and " + key + " for network " + network);
                return 0;
            } catch (IllegalArgumentException | IOException e) {
                err.println("piot pki init: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true, description = "Create DIR/NODE.crt and DIR/NODE.key signed by DIR/ca.key.")
    static final class Issue implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NODE", description = "node name, [a-z][a-z0-9_-]{0,31}")
        String node;

        @Option(names = "--dir", defaultValue = ".", description = "directory holding ca.crt/ca.key (default: current)")
        Path dir;

        @Option(names = "--days", defaultValue = "3650", description = "certificate validity in days (default: ${DEFAULT-VALUE})")
        int days;

        @Override
        public Integer call() {
            return issueFromCa(spec, "issue", dir, days, () -> {
                if ("ca".equals(node)) {
                    throw new IllegalArgumentException("node name 'ca' would overwrite the CA files");
                }
            }, node, "node " + node, (ca, from, until) -> NetworkCa.issue(ca, node, from, until));
        }
    }

    @Command(name = "issue-operator", mixinStandardHelpOptions = true,
            description = "Create DIR/operator-NAME.crt and .key, signed by DIR/ca.key: a key that signs configs and releases (piot sign) but cannot join the mesh.")
    static final class IssueOperator implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "operator name, [a-z][a-z0-9_.-]{0,63}")
        String name;

        @Option(names = "--dir", defaultValue = ".", description = "directory holding ca.crt/ca.key (default: current)")
        Path dir;

        @Option(names = "--days", defaultValue = "365", description = "certificate validity in days (default: ${DEFAULT-VALUE})")
        int days;

        @Override
        public Integer call() {
            return issueFromCa(spec, "issue-operator", dir, days, () -> { }, "operator-" + name, "operator " + name,
                    (ca, from, until) -> piot.gateway.fleet.Operators.issue(ca, name, from, until));
        }
    }

    /** Signs a new key and certificate with the CA in {@code dir}: what {@code issue} and {@code issue-operator} differ in. */
    @FunctionalInterface
    interface Issuer {
        Credentials issue(Credentials ca, Instant notBefore, Instant notAfter);
    }

    /**
     * What {@code issue} and {@code issue-operator} share: check {@code days} and the name, refuse to
     * overwrite {@code DIR/STEM.crt} or {@code .key}, read the CA from {@code dir}, sign and write.
     * Prints what it wrote (naming {@code subject}) or why not, prefixed {@code piot pki COMMAND:}.
     */
    static int issueFromCa(CommandSpec spec, String command, Path dir, int days, Runnable checkName,
                           String stem, String subject, Issuer issuer) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            requireDays(days);
            checkName.run();
            Path crt = dir.resolve(stem + ".crt");
            Path key = dir.resolve(stem + ".key");
            refuseExisting(crt, key);
            Credentials ca = new Credentials(Pem.readCertificate(dir.resolve("ca.crt")), Pem.readKey(dir.resolve("ca.key")));
            Instant now = Instant.now();
            Credentials issued = issuer.issue(ca, now.minus(BACKDATE), now.plus(Duration.ofDays(days)));
            Pem.write(key, issued.key());
            Pem.write(crt, issued.certificate());
            spec.commandLine().getOut().println("wrote " + crt + " and " + key + " for " + subject);
            return 0;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("piot pki " + command + ": " + e.getFile() + " not found; run `piot pki init NETWORK --dir " + dir + "` first");
            return 1;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("piot pki " + command + ": " + e.getMessage());
            return 1;
        }
    }

    static void requireDays(int days) {
        if (days < 1 || days > 36500) {
            throw new IllegalArgumentException("--days must be 1..36500, got " + days);
        }
    }

    static void refuseExisting(Path... files) {
        for (Path f : files) {
            if (Files.exists(f)) {
                throw new IllegalArgumentException(f + " already exists; refusing to overwrite it");
            }
        }
    }
}
