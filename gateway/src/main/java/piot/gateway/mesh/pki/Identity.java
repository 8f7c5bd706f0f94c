package piot.gateway.mesh.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A node's TLS identity: its network's CA certificate, its own certificate and key. */
public record Identity(X509Certificate ca, X509Certificate certificate, PrivateKey key) {
    public static Identity load(Path caFile, Path certFile, Path keyFile) throws IOException {
        return new Identity(Pem.readCertificate(caFile), Pem.readCertificate(certFile), Pem.readKey(keyFile));
    }

    /** The node name this identity proves (its certificate's CN). */
    public String nodeName() {
        return Names.commonName(certificate);
    }

    /** The network the CA belongs to (the CA certificate's CN). */
    public String network() {
        return Names.commonName(ca);
    }
}
