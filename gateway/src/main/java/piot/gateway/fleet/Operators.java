package piot.gateway.fleet;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import piot.gateway.mesh.pki.Credentials;

/**
 * Operator certificates: issued by the network CA to a person or a build machine, subject
 * {@code CN=NAME,OU=operators,O=NETWORK}, with key usage digitalSignature and extended key usage
 * codeSigning only, so they sign fleet artefacts but cannot join the mesh (no TLS usages) and
 * node certificates cannot sign (see {@link Signatures}).
 */
public final class Operators {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Operators() {}

    public static Credentials issue(Credentials ca, String name, Instant notBefore, Instant notAfter) {
        if (name == null || !name.matches("[a-z][a-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("operator name must match [a-z][a-z0-9_.-]{0,63}: " + name);
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair kp = g.generateKeyPair();
            String network = piot.gateway.mesh.pki.Names.commonName(ca.certificate());
            X500Principal subject = new X500Principal("CN=" + name + ",OU=operators,O=" + network);
            var b = new JcaX509v3CertificateBuilder(ca.certificate(), new BigInteger(127, RANDOM).setBit(0), Date.from(notBefore),
                    Date.from(notAfter), subject, kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, Signatures.operatorUsage())
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key());
            return new Credentials(new JcaX509CertificateConverter().getCertificate(b.build(signer)), kp.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("could not issue an operator certificate for " + name, e);
        }
    }
}
