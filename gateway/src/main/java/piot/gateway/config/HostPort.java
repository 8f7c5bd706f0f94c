package piot.gateway.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code host:port} pair: an IPv4 address, a {@code [IPv6]} literal or a DNS name, and a port
 * 0..65535 (0 = any free port, where listening allows it).
 */
public record HostPort(String host, int port) {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Parses {@code host:port}; empty when malformed. IPv6 hosts are returned without brackets. */
    public static Optional<HostPort> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            String inner = host.substring(1, host.length() - 1);
            return IPV6.matcher(inner).matches() && inner.contains(":")
                    ? Optional.of(new HostPort(inner, Integer.parseInt(port))) : Optional.empty();
        }
        if (IPV4.matcher(host).matches()) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!NAME.matcher(host).matches() || host.length() > 253 || host.matches("[0-9.]+")) {
            return Optional.empty();
        }
        return Optional.of(new HostPort(host, Integer.parseInt(port)));
    }

    /** Whether the host is a loopback address or {@code localhost}. */
    public boolean isLoopback() {
        return host.startsWith("127.") || host.equals("::1") || host.equals("localhost");
    }

    /** {@code host:port}, with brackets around an IPv6 host. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
