package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.HoldPolicy;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.mesh.pki.Credentials;
import piot.gateway.mesh.pki.NetworkCa;
import piot.gateway.mesh.pki.Pem;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.testing.Mosquitto;
import piot.time.Clock;

/** {@code ssl://} with a CA file, and a user name and password, against a Mosquitto that demands both. */
class TlsBrokerIT {
    @TempDir
    Path dir;

    @Test
    void theBridgePublishesOverTlsWithCredentials() throws Exception {
        Instant now = Instant.now();
        Credentials ca = NetworkCa.create("brokers", now.minusSeconds(60), now.plusSeconds(3600));
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair kp = g.generateKeyPair();
        var b = new JcaX509v3CertificateBuilder(ca.certificate(), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), new X500Principal("CN=127.0.0.1"), kp.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        X509Certificate server = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key())));
        Path caFile = dir.resolve("ca.crt");
        Path certFile = dir.resolve("server.crt");
        Path keyFile = dir.resolve("server.key");
        Pem.write(caFile, ca.certificate());
        Pem.write(certFile, server);
        Pem.write(keyFile, kp.getPrivate());
        Path passwd = dir.resolve("passwd");
        java.nio.file.Files.writeString(passwd, "");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", passwd.toString(), "piot", "s3cret").redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        try (Mosquitto broker = Mosquitto.startTls(dir, certFile, keyFile, passwd);
             NodeStore store = NodeStore.open(dir.resolve("data"), HoldingConfig.defaults(), Clock.system());
             Subscriber consumer = new Subscriber(broker.url(), false, o -> {
                 o.setSocketFactory(Tls.trusting(caFile));
                 o.setUserName("piot");
                 o.setPassword("s3cret".getBytes(StandardCharsets.UTF_8));
             }, "piot/#")) {
            MqttSettings s = new MqttSettings("gh", broker.url(), "piot", false, "piot-gh", Optional.of("piot"),
                    Optional.of("s3cret"), Optional.of(caFile), false, MqttSettings.DEFAULT_COMMAND_EXPIRY);
            MqttBridge bridge = MqttBridge.start(s, store.linkStore(), Clock.system(),
                    (n, t, a, v, id, e) -> new ActionSubmitter.Submission.Accepted());
            try {
                Await.until(Duration.ofSeconds(15), "the bridge to connect over TLS", bridge::connected);
                bridge.onEvent("gh", new EventMessage("air", "temperature", 19.5, "°C", System.currentTimeMillis(), false,
                        Optional.empty()), HoldPolicy.ALL).join();
                assertEquals(19.5, consumer.awaitOn("piot/gh/air/temperature", m -> true).json().get("value").doubleValue());
            } finally {
                bridge.close();
            }
        }
    }
}
