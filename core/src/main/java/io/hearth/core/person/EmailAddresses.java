package io.hearth.core.person;

import io.hearth.core.error.Excerpts;
import java.util.regex.Pattern;

/**
 * Pragmatic email syntax check: what mail servers accept in practice, not the whole of RFC 5322
 * (quoted local parts and IP-literal domains are rejected: no CRM user types those).
 */
public final class EmailAddresses {
    public static final int MAX_LENGTH = 254;

    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("[A-Za-z]{2,63}|xn--[A-Za-z0-9-]+");

    private EmailAddresses() {}

    /** Why {@code email} is not a usable address, or {@code null} when it is. */
    public static String problemWith(String email) {
        if (email.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return Excerpts.quoted(email) + " is not an email address: expected name@domain.tld";
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (local.length() > 64 || !LOCAL_PART.matcher(local).matches()) {
            return Excerpts.quoted(email) + " is not an email address: the part before @ is malformed";
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return Excerpts.quoted(email) + " is not an email address: the domain needs a dot, e.g. example.com";
        }
        for (String label : labels) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                return Excerpts.quoted(email) + " is not an email address: the domain is malformed";
            }
        }
        if (!TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
            return Excerpts.quoted(email) + " is not an email address: the top-level domain is malformed";
        }
        return null;
    }
}
