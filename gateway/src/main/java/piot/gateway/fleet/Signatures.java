package piot.gateway.fleet;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Detached CMS (PKCS #7) signatures over fleet artefacts: configs and releases. A signature is
 * trusted when it verifies, its signer certificate was issued by the network CA (or is the CA
 * itself), is valid at the verification time and, unless it is the CA, carries the
 * {@code codeSigning} extended key usage that only operator certificates have. Node certificates
 * therefore cannot sign: a stolen Pi cannot push a config to the rest of the fleet.
 *
 * <p>Wire/disk form: the DER of a CMS {@code SignedData} without encapsulated content, holding
 * the signer certificate ({@code FILE.sig} as written by {@code piot sign}).
 */
public final class Signatures {
    private Signatures() {}

    /** The outcome of a verification. */
    public sealed interface Verdict {
        /** Signed by {@code signer} (a certificate subject), trusted. */
        record Trusted(String signer) implements Verdict {}

        /** Not acceptable, with the reason a user can act on. */
        record Refused(String reason) implements Verdict {}
    }

    /** Signs {@code content} with {@code key}; {@code cert} is embedded so nodes need only the CA. */
    public static byte[] sign(byte[] content, X509Certificate cert, PrivateKey key) {
        try {
            CMSSignedDataGenerator g = new CMSSignedDataGenerator();
            var signer = new JcaContentSignerBuilder(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA").build(key);
            g.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build()).build(signer, cert));
            g.addCertificates(new JcaCertStore(List.of(cert)));
            return g.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException | CMSException | IOException e) {
            throw new IllegalStateException("could not sign: " + e.getMessage(), e);
        }
    }

    /** Checks {@code signature} over {@code content} against the network {@code ca} at {@code nowMillis}. */
    public static Verdict verify(byte[] content, byte[] signature, X509Certificate ca, long nowMillis) {
        if (signature == null || signature.length == 0) {
            return new Verdict.Refused("not signed: no signature came with the file (sign it with `piot sign FILE`)");
        }
        CMSSignedData cms;
        try {
            cms = new CMSSignedData(new CMSProcessableByteArray(content), signature);
        } catch (CMSException | RuntimeException e) {
            return new Verdict.Refused("signature is not a CMS SignedData: " + e.getMessage());
        }
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            return new Verdict.Refused("expected exactly one signer, found " + signers.size());
        }
        SignerInformation si = signers.iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(si.getSID());
        if (matches.isEmpty()) {
            return new Verdict.Refused("the signer's certificate is not in the signature");
        }
        try {
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            String chain = chainProblem(cert, ca, nowMillis);
            if (chain != null) {
                return new Verdict.Refused(chain);
            }
            if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))) {
                return new Verdict.Refused("tampered: the file does not match its signature");
            }
            return new Verdict.Trusted(cert.getSubjectX500Principal().getName());
        } catch (CMSException e) {
            return new Verdict.Refused("tampered: the file does not match its signature (" + e.getMessage() + ")");
        } catch (GeneralSecurityException | OperatorCreationException e) {
            return new Verdict.Refused("signature cannot be checked: " + e.getMessage());
        }
    }

    private static String chainProblem(X509Certificate cert, X509Certificate ca, long nowMillis) {
        boolean isCa = cert.equals(ca);
        if (!isCa) {
            if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
                return "signer " + cert.getSubjectX500Principal().getName() + " was not issued by this network's CA";
            }
            try {
                cert.verify(ca.getPublicKey());
            } catch (GeneralSecurityException e) {
                return "signer " + cert.getSubjectX500Principal().getName() + " was not issued by this network's CA";
            }
            if (!isOperator(cert)) {
                return "signer " + cert.getSubjectX500Principal().getName()
                        + " is not an operator (node certificates cannot sign; issue one with `piot pki issue-operator`)";
            }
        }
        try {
            cert.checkValidity(new java.util.Date(nowMillis));
        } catch (GeneralSecurityException e) {
            return "signer certificate not valid now: " + e.getMessage();
        }
        return null;
    }

    static boolean isOperator(X509Certificate cert) {
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            return eku != null && eku.contains(KeyPurposeId.id_kp_codeSigning.getId());
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    /** The extended key usage of every operator certificate, and of no node certificate. */
    static ExtendedKeyUsage operatorUsage() {
        return new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning);
    }
}
