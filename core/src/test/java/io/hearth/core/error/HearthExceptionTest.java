package io.hearth.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The failures the API answers form a closed set, one kind of answer each. */
class HearthExceptionTest {
    private static final List<HearthException> ONE_OF_EACH = List.of(
            InvalidArgumentException.of("email", "not an email address"),
            new NotFoundException("leads/1"),
            new AlreadyExistsException("already there"),
            StaleEtagException.concurrent("leads/1"),
            new FailedPreconditionException(ErrorReason.LEAD_ARCHIVED, "archived"),
            new PermissionDeniedException(ErrorReason.PATH_OUTSIDE_IMPORT_FOLDER, "outside"),
            new ResourceExhaustedException(ErrorReason.UPLOAD_TOO_LARGE, "too large"),
            new DatabaseUnavailableException(null),
            new DeadlineExceededException(),
            new CancelledException(),
            new UnauthenticatedException("no token"));

    @Test
    void theHierarchyIsSealedAndEveryFailureIsFinal() {
        Class<?>[] permitted = HearthException.class.getPermittedSubclasses();

        assertThat(HearthException.class.isSealed()).isTrue();
        assertThat(permitted).allSatisfy(type -> {
            assertThat(Modifier.isFinal(type.getModifiers())).as(type.getName()).isTrue();
            assertThat(type.getPackage()).isEqualTo(HearthException.class.getPackage());
        });
        assertThat(ONE_OF_EACH).extracting(Object::getClass).containsExactlyInAnyOrder(permitted);
    }

    @Test
    void everyFailureIsItsOwnKindAndEveryKindHasAFailure() {
        Set<HearthException.Kind> kinds = ONE_OF_EACH.stream()
                .map(HearthException::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(HearthException.Kind.class)));

        assertThat(kinds).hasSameSizeAs(ONE_OF_EACH).containsExactlyInAnyOrder(HearthException.Kind.values());
        assertThat(Arrays.stream(HearthException.Kind.values()).map(Enum::name))
                .contains("INVALID_ARGUMENT", "ABORTED", "UNAVAILABLE");
        assertThat(StaleEtagException.concurrent("leads/1").kind()).isEqualTo(HearthException.Kind.ABORTED);
    }

    @Test
    void everyFailureSendsAReasonOfItsOwnKind() {
        assertThat(ONE_OF_EACH).allSatisfy(failure -> {
            assertThat(failure.errorReason().kind())
                    .as(failure.getClass().getSimpleName())
                    .isEqualTo(failure.kind());
            assertThat(failure.reason()).isEqualTo(failure.errorReason().name());
        });
        assertThat(DatabaseUnavailableException.busy(null).reason()).isEqualTo("DATABASE_BUSY");
    }

    @Test
    void aReasonOfAnotherKindIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new FailedPreconditionException(ErrorReason.RATE_LIMITED, "over the rate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RATE_LIMITED is a RESOURCE_EXHAUSTED reason");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new AlreadyExistsException(ErrorReason.LEAD_ARCHIVED, "archived", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
