package piot.gateway.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import piot.gateway.fleet.Signatures;
import piot.gateway.mesh.pki.Pem;

/**
 * {@code piot sign FILE --cert C --key K} writes {@code FILE.sig} (detached CMS); {@code piot sign
 * FILE --verify --ca CA} checks it as a node would. Exit 0 signed / trusted, 1 refused or unreadable.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign a config or release for the fleet (writes FILE.sig), or --verify it as a node would.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:signed, or the signature is trusted", "1:refused or unreadable", "2:usage error"})
final class SignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the file to sign or check")
    Path file;

    @Option(names = "--cert", paramLabel = "CRT", description = "operator certificate (piot pki issue-operator)")
    Path cert;

    @Option(names = "--key", paramLabel = "KEY", description = "operator key")
    Path key;

    @Option(names = "--verify", description = "check FILE.sig against --ca instead of signing")
    boolean verify;

    @Option(names = "--ca", paramLabel = "CA", description = "network CA certificate (with --verify)")
    Path ca;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path sig = file.resolveSibling(file.getFileName() + ".sig");
        try {
            byte[] content = Files.readAllBytes(file);
            if (verify) {
                if (ca == null) {
                    err.println("piot sign: --verify needs --ca CA");
                    return Main.INVALID;
                }
                byte[] signature = Files.exists(sig) ? Files.readAllBytes(sig) : new byte[0];
                return switch (Signatures.verify(content, signature, Pem.readCertificate(ca), System.currentTimeMillis())) {
                    case Signatures.Verdict.Trusted t -> {
                        out.println(file + ": trusted, signed by " + t.signer());
                        yield Main.OK;
                    }
                    case Signatures.Verdict.Refused r -> {
                        err.println(file + ": refused: " + r.reason());
                        yield Main.RUNTIME_FAILURE;
                    }
                };
            }
            if (cert == null || key == null) {
                err.println("piot sign: signing needs --cert CRT and --key KEY (an operator's: piot pki issue-operator)");
                return Main.INVALID;
            }
            Files.write(sig, Signatures.sign(content, Pem.readCertificate(cert), Pem.readKey(key)));
            out.println("wrote " + sig);
            return Main.OK;
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            err.println("piot sign: " + e.getMessage());
            return Main.RUNTIME_FAILURE;
        }
    }
}
