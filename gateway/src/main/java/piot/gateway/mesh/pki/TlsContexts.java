package piot.gateway.mesh.pki;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the JDK TLS 1.3 context of a node: its key and certificate (chain: node, CA) for both
 * client and server side, and trust in the network CA only, through {@link NetworkTrustManager}.
 */
public final class TlsContexts {
    public static final String PROTOCOL = "TLSv1.3";
    private static final char[] NO_PASSWORD = "piot".toCharArray();

    private TlsContexts() {}

    public static SSLContext create(Identity id, DenyList deny) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("node", id.key(), NO_PASSWORD, new Certificate[] {id.certificate(), id.ca()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, NO_PASSWORD);

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("network-ca", id.ca());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            X509ExtendedTrustManager pkix = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    pkix = x;
                }
            }
            if (pkix == null) {
                throw new IllegalStateException("the JDK offered no X509ExtendedTrustManager");
            }
            SSLContext ctx = SSLContext.getInstance(PROTOCOL);
            ctx.init(kmf.getKeyManagers(), new TrustManager[] {new NetworkTrustManager(pkix, deny)}, null);
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not build the TLS context: " + e.getMessage(), e);
        }
    }
}
