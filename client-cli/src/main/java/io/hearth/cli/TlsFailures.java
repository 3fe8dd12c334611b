package io.hearth.cli;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an UNAVAILABLE that came from TLS (or from its absence) into what to do about it. The
 * transport reports these as "io exception" or "ssl exception" with the real reason deep in the
 * cause chain, in classes that gRPC's shaded Netty renames, so they are recognised by simple class
 * name and message.
 */
final class TlsFailures {

    private static final Pattern NAMES_IN_CERTIFICATE = Pattern.compile("subjectAlternativeNames=\\[([^\\]]*)\\]");

    private TlsFailures() {}

    /**
     * @return one sentence that starts after "Hearth server at HOST:PORT", or empty when the
     *     failure has nothing to do with TLS
     */
    static Optional<String> explain(Status status, ChannelSecurity.Mode security) {
        List<Throwable> causes = causes(status.getCause());
        String messages =
                String.join("\n", causes.stream().map(TlsFailures::text).toList());
        if (security == ChannelSecurity.Mode.PLAINTEXT) {
            // a TLS server drops a connection that opens with plaintext HTTP/2 before any answer:
            // the client sees it closed, or reset when its preface was still unread
            boolean dropped = "Network closed for unknown reason".equals(status.getDescription())
                    // "Connection reset" (NIO, the CLI's transport) or "... reset by peer" (epoll)
                    || messages.contains("Connection reset");
            return dropped
                    ? Optional.of(" closed the connection at once: it may require TLS; connect with"
                            + " --ca-cert FILE, or --tls if a public certificate authority"
                            + " signed its certificate")
                    : Optional.empty();
        }
        if (has(causes, "NotSslRecordException")) {
            return Optional.of(" does not speak TLS: leave out --tls and --ca-cert (and $HEARTH_TLS,"
                    + " $HEARTH_CA_CERT), or start the server with --tls-cert and"
                    + " --tls-key");
        }
        if (has(causes, "CertificateExpiredException")) {
            return Optional.of(" shows an expired certificate ("
                    + text(find(causes, "CertificateExpiredException"))
                    + "): the server needs a renewed one");
        }
        if (messages.contains("unable to find valid certification path") || messages.contains("PKIX path")) {
            return Optional.of(" shows a certificate that no certificate authority this client trusts has"
                    + " signed: give the one that signed it with --ca-cert FILE (or"
                    + " $HEARTH_CA_CERT)");
        }
        if (messages.contains("No subject alternative names matching")
                || messages.contains("No subject alternative DNS name matching")
                || messages.contains("No name matching")) {
            Matcher names = NAMES_IN_CERTIFICATE.matcher(messages);
            return Optional.of(" shows a certificate for other names"
                    + (names.find() ? " (" + names.group(1) + ")" : "")
                    + ": call it by a name its certificate lists in --server, or have its"
                    + " certificate issued for this one");
        }
        String alerts = messages.toUpperCase(Locale.ROOT);
        if (security == ChannelSecurity.Mode.MUTUAL_TLS
                && List.of(
                                "CERTIFICATE_REQUIRED",
                                "BAD_CERTIFICATE",
                                "UNKNOWN_CA",
                                "CERTIFICATE_UNKNOWN",
                                "CERTIFICATE_EXPIRED",
                                "ALERT_INTERNAL_ERROR",
                                "ALERT_HANDSHAKE_FAILURE")
                        .stream()
                        .anyMatch(alerts::contains)) {
            // the server's alert says little more: BoringSSL answers an untrusted one "internal error"
            return Optional.of(" refused this client's certificate (--client-cert): it is not signed by a"
                    + " certificate authority the server trusts, or it expired");
        }
        if (alerts.contains("CERTIFICATE_REQUIRED") || alerts.contains("ALERT_HANDSHAKE_FAILURE")) {
            return Optional.of(" requires a client certificate: give --client-cert FILE and --client-key FILE"
                    + " (or $HEARTH_CLIENT_CERT and $HEARTH_CLIENT_KEY)");
        }
        if (has(causes, "SSLException") || has(causes, "SSLHandshakeException") || has(causes, "OpenSslException")) {
            return Optional.of(": the TLS handshake failed (" + text(causes.get(causes.size() - 1)) + ")");
        }
        return Optional.empty();
    }

    /** Whether TLS settings, not the server's absence, broke the connection: trying again cannot help. */
    static boolean handshakeRefused(Status status, ChannelSecurity.Mode security) {
        return security != ChannelSecurity.Mode.PLAINTEXT
                && explain(status, security).isPresent();
    }

    private static List<Throwable> causes(Throwable first) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = first; cause != null && causes.size() < 20; cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    private static boolean has(List<Throwable> causes, String simpleName) {
        return find(causes, simpleName) != null;
    }

    private static Throwable find(List<Throwable> causes, String simpleName) {
        for (Throwable cause : causes) {
            String name = cause.getClass().getName();
            if (name.endsWith("." + simpleName) || name.endsWith("$" + simpleName)) {
                return cause;
            }
        }
        return null;
    }

    private static String text(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
