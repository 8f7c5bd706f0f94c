package piot.gateway.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import piot.gateway.app.Main;
import piot.gateway.mesh.pki.Credentials;
import piot.gateway.mesh.pki.NetworkCa;

/** Who may sign fleet artefacts, and what a node says about everything else. */
class SignaturesTest {
    private static final Instant NOW = Instant.now();
    private static final Credentials CA = NetworkCa.create("home", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
    private static final Credentials OPERATOR = Operators.issue(CA, "alice", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
    private static final byte[] FILE = "node: { name: a }\n".getBytes(StandardCharsets.UTF_8);

    private static Signatures.Verdict verify(byte[] content, byte[] sig) {
        return Signatures.verify(content, sig, CA.certificate(), System.currentTimeMillis());
    }

    private static String refusal(Signatures.Verdict v) {
        return assertInstanceOf(Signatures.Verdict.Refused.class, v).reason();
    }

    @Test
    void anOperatorSignatureIsTrustedAndNamesTheOperator() {
        var v = assertInstanceOf(Signatures.Verdict.Trusted.class, verify(FILE, Signatures.sign(FILE, OPERATOR.certificate(), OPERATOR.key())));
        assertTrue(v.signer().contains("CN=alice"), v.signer());
    }

    @Test
    void theCaItselfMaySign() {
        assertInstanceOf(Signatures.Verdict.Trusted.class, verify(FILE, Signatures.sign(FILE, CA.certificate(), CA.key())));
    }

    @Test
    void unsignedTamperedForeignNodeAndExpiredSignaturesAreRefusedWithAReason() {
        assertTrue(refusal(verify(FILE, new byte[0])).startsWith("not signed"));
        assertTrue(refusal(verify(FILE, new byte[] {1, 2, 3})).startsWith("signature is not a CMS"));
        byte[] other = "node: { name: b }\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(refusal(verify(other, Signatures.sign(FILE, OPERATOR.certificate(), OPERATOR.key()))).startsWith("tampered"));
        Credentials foreignCa = NetworkCa.create("home", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        Credentials foreign = Operators.issue(foreignCa, "mallory", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        assertTrue(refusal(verify(FILE, Signatures.sign(FILE, foreign.certificate(), foreign.key()))).contains("not issued by this network's CA"));
        Credentials node = NetworkCa.issue(CA, "node-a", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        assertTrue(refusal(verify(FILE, Signatures.sign(FILE, node.certificate(), node.key()))).contains("not an operator"));
        Credentials old = Operators.issue(CA, "bob", NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(1)));
        assertTrue(refusal(verify(FILE, Signatures.sign(FILE, old.certificate(), old.key()))).contains("not valid now"));
    }

    @Test
    void theCommandLineIssuesAnOperatorSignsAndVerifies(@TempDir Path dir) throws Exception {
        assertEquals(0, run("pki", "init", "home", "--dir", dir.toString()).code);
        assertEquals(0, run("pki", "issue-operator", "alice", "--dir", dir.toString()).code);
        Path file = dir.resolve("site.yaml");
        Files.write(file, FILE);
        Result r = run("sign", file.toString(), "--verify", "--ca", dir.resolve("ca.crt").toString());
        assertEquals(1, r.code);
        assertTrue(r.err.contains("not signed"), r.err);
        assertEquals(0, run("sign", file.toString(), "--cert", dir.resolve("operator-alice.crt").toString(),
                "--key", dir.resolve("operator-alice.key").toString()).code);
        r = run("sign", file.toString(), "--verify", "--ca", dir.resolve("ca.crt").toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("trusted, signed by CN=alice"), r.out);
        Files.writeString(file, "node: { name: evil }\n");
        r = run("sign", file.toString(), "--verify", "--ca", dir.resolve("ca.crt").toString());
        assertEquals(1, r.code);
        assertTrue(r.err.contains("tampered"), r.err);
    }

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = piot.gateway.app.MainAccess.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
