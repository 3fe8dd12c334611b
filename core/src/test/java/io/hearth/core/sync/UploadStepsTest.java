package io.hearth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.ResourceExhaustedException;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** An upload: one header first, without a path, then at most the server's limit in chunks. */
class UploadStepsTest {
    @Test
    void aHeaderThenChunksUpToTheLimit() {
        UploadSteps steps = new UploadSteps(10);

        assertThatCode(() -> {
                    steps.header(Map.of("sheet", "Leads"));
                    steps.chunk(4);
                    steps.chunk(6);
                    steps.end();
                })
                .doesNotThrowAnyException();
    }

    @Test
    void oneByteOverTheLimitIsRefused() {
        UploadSteps steps = new UploadSteps(10);
        steps.header(Map.of());
        steps.chunk(10);

        assertThatThrownBy(() -> steps.chunk(1))
                .isInstanceOfSatisfying(
                        ResourceExhaustedException.class,
                        e -> assertThat(e.reason()).isEqualTo("UPLOAD_TOO_LARGE"))
                .hasMessageContaining("10 bytes");
    }

    @Test
    void theHeaderComesOnceAndFirst() {
        assertRefused(() -> new UploadSteps(10).chunk(1), "header", "the first message must be the header");
        assertRefused(() -> new UploadSteps(10).end(), "header", "nothing was uploaded");
        UploadSteps twice = new UploadSteps(10);
        twice.header(Map.of());
        assertRefused(() -> twice.header(Map.of()), "header", "send the header once, as the first message");
    }

    @Test
    void theServerNamesTheStoredFileItself() {
        assertRefused(
                () -> new UploadSteps(10).header(Map.of("path", "/etc/passwd")),
                "header.config.path",
                "the server stores the upload itself; leave path out");
    }

    private static void assertRefused(ThrowingCallable step, String field, String description) {
        assertThatThrownBy(step)
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.violations()).containsExactly(new FieldViolation(field, description)));
    }
}
