package piot.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.mesh.pki.Identity;
import piot.gateway.mesh.pki.Names;
import picocli.CommandLine;

class PkiCommandTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = new CommandLine(new PkiCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void initThenIssueMakesAWorkingNodeIdentity() throws Exception {
        assertEquals(0, run("init", "home", "--dir", dir.toString()), err.toString());
        assertEquals(0, run("issue", "greenhouse-1", "--dir", dir.toString(), "--days", "30"), err.toString());
        Identity id = Identity.load(dir.resolve("ca.crt"), dir.resolve("greenhouse-1.crt"), dir.resolve("greenhouse-1.key"));
        assertEquals("greenhouse-1", id.nodeName());
        assertEquals("home", id.network());
        id.certificate().verify(id.ca().getPublicKey());
        id.certificate().checkValidity();
        assertEquals("EC", id.key().getAlgorithm());
        Signature sig = Signature.getInstance("SHA256withECDSA");
        sig.initSign(id.key());
        sig.update(new byte[] {1, 2, 3});
        byte[] signed = sig.sign();
        sig.initVerify(id.certificate());
        sig.update(new byte[] {1, 2, 3});
        assertTrue(sig.verify(signed), "the key matches the certificate");
        assertEquals("home", Names.commonName(id.ca()));
        assertTrue(id.certificate().getSubjectX500Principal().getName().contains("OU=home"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("greenhouse-1.key"))));
    }

    @Test
    void existingFilesAreNeverOverwritten() throws Exception {
        assertEquals(0, run("init", "home", "--dir", dir.toString()));
        String before = Files.readString(dir.resolve("ca.key"));
        assertEquals(1, run("init", "home", "--dir", dir.toString()));
        assertTrue(err.toString().contains("already exists"), err.toString());
        assertEquals(before, Files.readString(dir.resolve("ca.key")));
    }

    @Test
    void issuingWithoutACaSaysWhatToDo() {
        assertEquals(1, run("issue", "barn-1", "--dir", dir.toString()));
        assertTrue(err.toString().contains("pki init"), err.toString());
    }

    @Test
    void badNamesAndDaysAreRefused() {
        assertEquals(1, run("init", "Bad Name", "--dir", dir.toString()));
        assertTrue(err.toString().contains("[a-z]"), err.toString());
        assertEquals(0, run("init", "home", "--dir", dir.toString()));
        assertEquals(1, run("issue", "barn-1", "--dir", dir.toString(), "--days", "0"));
        assertTrue(err.toString().contains("--days"), err.toString());
    }
}
