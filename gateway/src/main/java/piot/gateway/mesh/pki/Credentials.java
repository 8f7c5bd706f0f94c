package piot.gateway.mesh.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate and its private key (a network CA's, or a node's). */
public record Credentials(X509Certificate certificate, PrivateKey key) {}
