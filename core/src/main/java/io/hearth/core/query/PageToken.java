package io.hearth.core.query;

import io.hearth.core.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A keyset cursor: the sort values of the last row of a page, tied to the query that produced it.
 * The fingerprint of the query travels in the token, so a token replayed with another filter or
 * order is rejected instead of silently returning a wrong page.
 */
public record PageToken(String fingerprint, String sortValue, String id) {
    private static final String VERSION = "1";
    private static final char SEPARATOR = '\u001f';

    public String encode() {
        String raw = String.join(String.valueOf(SEPARATOR), VERSION, fingerprint, id, sortValue);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a token and checks it belongs to the query with {@code expectedFingerprint}.
     *
     * @param field the request field the token came from, named in errors
     */
    public static PageToken decode(String token, String expectedFingerprint, String field) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw InvalidArgumentException.of(field, "not a page token from this server; start from the first page");
        }
        // the sort value goes last so that whatever characters it holds cannot shift the other parts
        List<String> parts = List.of(raw.split(String.valueOf(SEPARATOR), 4));
        if (parts.size() != 4 || !parts.get(0).equals(VERSION)) {
            throw InvalidArgumentException.of(field, "not a page token from this server; start from the first page");
        }
        if (!parts.get(1).equals(expectedFingerprint)) {
            throw InvalidArgumentException.of(
                    field,
                    "this page token belongs to a list call with another filter, "
                            + "order_by or show_archived; repeat the same query or start from the first page");
        }
        return new PageToken(parts.get(1), parts.get(3), parts.get(2));
    }

    /** A short stable digest of a query's canonical description. */
    public static String fingerprint(String canonicalQuery) {
        byte[] digest = SHA_256.get().digest(canonicalQuery.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
    }

    /**
     * One digest per thread, reset by each {@code digest}: looking the algorithm up among the
     * security providers took 4 % of a queue read's CPU, more than the hashing.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });
}
