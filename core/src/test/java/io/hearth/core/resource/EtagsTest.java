package io.hearth.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EtagsTest {
    @Test
    void anEtagSentWithoutItsQuotesIsTheSameEtag() {
        // `--etag "3"` in a shell arrives as 3
        assertThat(Etags.sent("3")).isEqualTo(Etags.of(3));
        assertThat(Etags.sent(" \"3\" ")).isEqualTo(Etags.of(3));
        assertThat(Etags.sent("4")).isNotEqualTo(Etags.of(3));
    }

    @Test
    void noEtagIsNull() {
        assertThat(Etags.sent(null)).isNull();
        assertThat(Etags.sent("  ")).isNull();
    }
}
