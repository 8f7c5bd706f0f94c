package piot.gateway.mesh.pki;

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
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a network's CA and node certificates (EC P-256, SHA256withECDSA, via BouncyCastle). The
 * CA's subject is {@code CN=NETWORK,OU=piot network}; a node's is {@code CN=NODE,OU=NETWORK}. Node
 * certificates may serve and authenticate clients (TLS server and client auth).
 */
public final class NetworkCa {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NetworkCa() {}

    public static Credentials create(String network, Instant notBefore, Instant notAfter) {
        requireName(network, "network");
        KeyPair kp = newKeyPair();
        X500Principal subject = new X500Principal("CN=" + network + ",OU=piot network");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(notBefore),
                    Date.from(notAfter), subject, kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            return new Credentials(sign(b, kp), kp.getPrivate());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not build the CA certificate", e);
        }
    }

    public static Credentials issue(Credentials ca, String node, Instant notBefore, Instant notAfter) {
        requireName(node, "node");
        KeyPair kp = newKeyPair();
        String network = Names.commonName(ca.certificate());
        X500Principal subject = new X500Principal("CN=" + node + ",OU=" + network);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.certificate(), serial(), Date.from(notBefore),
                    Date.from(notAfter), subject, kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key());
            var cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
            return new Credentials(cert, kp.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("could not issue a certificate for " + node, e);
        }
    }

    private static java.security.cert.X509Certificate sign(X509v3CertificateBuilder b, KeyPair kp) throws GeneralSecurityException {
        try {
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Names go into X.500 subjects unescaped, so only the config's name alphabet is allowed. */
    static void requireName(String name, String what) {
        if (name == null || !name.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException(what + " name must match [a-z][a-z0-9_-]{0,31}: " + name);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(0);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is not available", e);
        }
    }
}
