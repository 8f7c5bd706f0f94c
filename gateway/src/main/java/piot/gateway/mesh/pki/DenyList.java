package piot.gateway.mesh.pki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Revoked identities: each entry is matched both as a node name (certificate CN) and, when it is
 * hex, as a certificate serial number, so the config's single {@code deny} list needs no type tags.
 * A serial may be written as tools print it: {@code 0x}-prefixed, upper case, or in colon-separated
 * byte pairs ({@code 4f:a2:09}, as {@code openssl x509 -text} shows it).
 */
public record DenyList(Set<String> entries) {
    public static final DenyList NONE = new DenyList(Set.of());

    public DenyList {
        entries = entries.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public static DenyList of(List<String> entries) {
        return new DenyList(Set.copyOf(entries));
    }

    /** Why this certificate is denied, if it is. */
    public Optional<String> check(X509Certificate cert) {
        String name = Names.commonName(cert).toLowerCase(Locale.ROOT);
        if (entries.contains(name)) {
            return Optional.of("node name " + name + " is on the deny list");
        }
        BigInteger serial = cert.getSerialNumber();
        for (String e : entries) {
            String hex = serialHex(e);
            if (!hex.isEmpty() && new BigInteger(hex, 16).equals(serial)) {
                return Optional.of("certificate serial " + serial.toString(16) + " is on the deny list");
            }
        }
        return Optional.empty();
    }

    /** The hex digits of an entry written as a serial number, or "" when it is not one. */
    static String serialHex(String entry) {
        String e = entry.startsWith("0x") ? entry.substring(2) : entry;
        if (e.matches("[0-9a-f]{1,2}(:[0-9a-f]{1,2})+")) {
            e = e.replace(":", "");
        }
        return e.matches("[0-9a-f]+") ? e : "";
    }
}
