package io.hearth.core.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the database keeps of a token: its SHA-256, in lower-case hex. A token is 256 random bits,
 * so a plain hash (no salt, no slow key derivation) cannot be reversed or guessed, and it stays one
 * indexed lookup per call. {@link #toString} shows no part of it.
 */
public final class TokenHash {
    private final String hex;

    private TokenHash(String hex) {
        this.hex = hex;
    }

    public static TokenHash of(String token) {
        requireNonNull(token, "token is null");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return new TokenHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A hash read back from the store. */
    public static TokenHash fromHex(String hex) {
        requireNonNull(hex, "hex is null");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex");
        }
        return new TokenHash(hex);
    }

    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenHash that && hex.equals(that.hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public String toString() {
        return "TokenHash[…]";
    }
}
