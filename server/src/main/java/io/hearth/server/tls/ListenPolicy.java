package io.hearth.server.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the server may listen where it is told to without TLS. API tokens travel in every call's
 * headers, readable to anyone on the way without TLS, so plaintext is for loopback (127.0.0.0/8, ::1, "localhost"), where only this
 * machine's users can connect; anywhere else it needs the operator's explicit {@code --insecure}.
 */
public final class ListenPolicy {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private ListenPolicy() {}

    /**
     * @return why the server must not start, in one line; empty when it may
     */
    public static Optional<String> refusal(String host, boolean tls, boolean insecure) {
        if (tls || insecure || isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("refusing to listen on " + host + " without TLS: anyone who can reach it could read and "
                + "change every lead; give --tls-cert and --tls-key, bind to 127.0.0.1, or accept the risk with "
                + "--insecure");
    }

    /**
     * Whether {@code host} can only be reached from this machine. A host name other than
     * "localhost" is not: it is never resolved, since what it resolves to can change after start.
     */
    public static boolean isLoopback(String host) {
        String name = host.strip();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        Matcher ipv4 = IPV4.matcher(name);
        if (ipv4.matches()) {
            for (int part = 1; part <= 4; part++) {
                if (Integer.parseInt(ipv4.group(part)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(ipv4.group(1)) == 127;
        }
        if (!name.contains(":")) {
            return false; // a host name
        }
        try {
            // with a colon it is parsed as an IPv6 literal, never looked up
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
