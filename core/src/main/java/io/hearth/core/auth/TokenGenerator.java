package io.hearth.core.auth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * New tokens: {@value #PREFIX} and 32 random bytes in unpadded base64url (47 characters). The prefix
 * makes a leaked token recognisable to secret scanners and to people; the 256 random bits make it
 * unguessable, which is what lets the store keep a plain SHA-256 of it.
 */
public final class TokenGenerator {
    public static final String PREFIX = "hth_";
    static final int RANDOM_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
