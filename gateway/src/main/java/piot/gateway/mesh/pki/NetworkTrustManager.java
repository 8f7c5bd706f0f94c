package piot.gateway.mesh.pki;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the certificates that chain to the network CA (PKIX, which also checks validity
 * dates), are not on the deny list, and name a node. The failure message is the refusal reason.
 */
final class NetworkTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final DenyList deny;

    NetworkTrustManager(X509ExtendedTrustManager pkix, DenyList deny) {
        this.pkix = pkix;
        this.deny = deny;
    }

    private void ours(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no certificate presented");
        }
        var denied = deny.check(chain[0]);
        if (denied.isPresent()) {
            throw new CertificateException(denied.get());
        }
        if (Names.commonName(chain[0]).isEmpty()) {
            throw new CertificateException("certificate names no node (no CN)");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
        ours(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
        ours(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
        ours(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
        ours(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        ours(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        ours(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
