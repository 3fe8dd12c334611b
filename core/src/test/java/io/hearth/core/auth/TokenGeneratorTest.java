package io.hearth.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenGeneratorTest {
    @Test
    void tokensArePrefixedBase64urlOf32RandomBytesAndDistinct() {
        TokenGenerator generator = new TokenGenerator();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = generator.next();
            assertThat(token).startsWith(TokenGenerator.PREFIX).matches("hth_[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(token.substring(4))).hasSize(32);
            seen.add(token);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theHashIsSha256HexAndShowsNothingOfItself() {
        TokenHash hash = TokenHash.of("abc");
        assertThat(hash.hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hash.toString()).doesNotContain(hash.hex().substring(0, 8));
        assertThat(TokenHash.fromHex(hash.hex())).isEqualTo(hash);
    }
}
