package io.hearth.server.arch;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.hearth.core.error.HearthException;

/**
 * The server maps requests to core calls and their results back; the rules, and the failures that
 * report a broken one, are core's. So the gRPC layer never makes a domain failure (an invalid
 * argument, a violation list, a stale etag...) itself: it only maps the ones core throws. Nothing is
 * exempt: requests whose bytes are no message are answered by {@code UnparseableRequests} with a
 * status of its own, since they never reach a service, and the call guard reads the call's context
 * and lets core's {@code CallGuard.of} decide what a caller who gave up is answered.
 */
// the failures are imported too, so a call's return type is known to be one
@AnalyzeClasses(
        packages = {"io.hearth.server.grpc", "io.hearth.core.error"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ServerHoldsNoRulesTest {
    private static final String GRPC = "io.hearth.server.grpc..";
    private static final String ERRORS = "io.hearth.core.error..";

    @ArchTest
    static final ArchRule grpcConstructsNoDomainFailure = noClasses()
            .that()
            .resideInAPackage(GRPC)
            .should()
            .callConstructorWhere(target(owner(resideInAPackage(ERRORS))))
            .because("a rule that refuses input lives in core, which raises the failure naming the field path");

    @ArchTest
    static final ArchRule grpcCallsNoFailureFactory = noClasses()
            .that()
            .resideInAPackage(GRPC)
            .should()
            .callMethodWhere(DescribedPredicate.describe(
                    "the method makes a domain failure " + "(e.g. InvalidArgumentException.of)",
                    ServerHoldsNoRulesTest::makesFailure))
            .because("a rule that refuses input lives in core, which raises the failure naming the field path");

    private static boolean makesFailure(JavaMethodCall call) {
        return call.getTarget().getRawReturnType().isAssignableTo(HearthException.class);
    }
}
