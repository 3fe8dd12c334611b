package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.hearth.core.persistence.Database;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.server.InProcessHearth;
import java.time.Clock;
import java.util.Locale;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An internal error tells the caller that it happened, never what the database said: no SQL, no
 * driver message, no table names, values or file paths, in the status, its details or its trailers.
 */
class InternalErrorReplyTest {
    private InProcessHearth hearth;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;

    @BeforeEach
    void start() throws Exception {
        hearth = new InProcessHearth(Clock.systemUTC());
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder().setGivenName("Ada"))
                .build());
        // a schema the code does not expect: every statement on leads now fails inside the database
        hearth.get(Database.class).dsl().execute("ALTER TABLE lead RENAME TO lead_moved_away");
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void aDatabaseFailureIsAnInternalErrorThatQuotesNothingOfTheDatabase() {
        assertOpaqueInternal(() -> leads.listLeads(
                ListLeadsRequest.newBuilder().setFilter("owner = alice").build()));
        assertOpaqueInternal(() -> leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(Lead.newBuilder()
                        .setGivenName("Grace")
                        .setEmail("grace.secret@example.com")
                        .setOwner("alice"))
                .build()));
    }

    private static void assertOpaqueInternal(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            String reply = (e.getStatus().getDescription() + " " + StatusProto.fromThrowable(e) + " " + e.getTrailers())
                    .toLowerCase(Locale.ROOT);
            assertThat(reply)
                    .doesNotContain(
                            "select",
                            "insert",
                            "sql",
                            "lead_moved_away",
                            "from lead",
                            "object not found",
                            "privilege",
                            "hsqldb",
                            "jdbc",
                            "jooq",
                            "exception",
                            "grace.secret",
                            "alice",
                            "/tmp",
                            "/work",
                            "hearth-data");
        });
    }
}
