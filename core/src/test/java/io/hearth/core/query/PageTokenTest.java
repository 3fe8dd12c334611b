package io.hearth.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class PageTokenTest {
    @Test
    void roundTripsValuesWithAnyCharacters() {
        String fingerprint = PageToken.fingerprint("q");
        PageToken token = new PageToken(fingerprint, "Zoë \u001f O'Neil/\"x\"", "0190c0d2-0000-7000-8000-000000000000");

        assertThat(PageToken.decode(token.encode(), fingerprint, "page_token")).isEqualTo(token);
    }

    @Test
    void rejectsTokensOfOtherQueriesAndGarbage() {
        String token = new PageToken(PageToken.fingerprint("a"), "v", "id").encode();

        assertThatThrownBy(() -> PageToken.decode(token, PageToken.fingerprint("b"), "page_token"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("another filter");
        assertThatThrownBy(() -> PageToken.decode("***", PageToken.fingerprint("a"), "page_token"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("page_token");
        assertThatThrownBy(() -> PageToken.decode("aGVsbG8", PageToken.fingerprint("a"), "page_token"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("not a page token");
    }

    @Test
    void fingerprintsDifferPerQuery() {
        assertThat(PageToken.fingerprint("a"))
                .isEqualTo(PageToken.fingerprint("a"))
                .isNotEqualTo(PageToken.fingerprint("b"));
    }

    @Test
    void aFingerprintIsTheQuerysSha256OnEveryThreadWhateverCameBefore() throws Exception {
        // a token from one server instance must be accepted by another: the fingerprint is fixed
        String abc = "ungWv48Bz-pBQUDe"; // SHA-256("abc"), first 12 bytes, base64url
        PageToken.fingerprint("b");
        assertThat(PageToken.fingerprint("abc")).isEqualTo(abc);
        var other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            assertThat(other.submit(() -> PageToken.fingerprint("abc")).get()).isEqualTo(abc);
        } finally {
            other.shutdown();
        }
    }

    @Test
    void pageSizeFollowsAip132() {
        assertThat(PageSize.resolve(0, "page_size")).isEqualTo(PageSize.DEFAULT);
        assertThat(PageSize.resolve(5, "page_size")).isEqualTo(5);
        assertThat(PageSize.resolve(50_000, "page_size")).isEqualTo(PageSize.MAXIMUM);
        assertThatThrownBy(() -> PageSize.resolve(-1, "page_size")).isInstanceOf(InvalidArgumentException.class);
    }
}
