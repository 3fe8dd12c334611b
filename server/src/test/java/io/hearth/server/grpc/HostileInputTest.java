package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.badRequestFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.ExportLeadsRequest;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListContactsRequest;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.server.InProcessHearth;
import java.time.Clock;
import java.util.Collections;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a hostile or careless caller sends: huge filters, control characters, bytes that are no message. */
class HostileInputTest {
    /** 20,000 conditions, 320 KB: the filter that once took 11.5 s and 3.6 GB of heap. */
    private static final String HUGE_FILTER = String.join(" AND ", Collections.nCopies(20_000, "owner = alice"));

    private InProcessHearth hearth;

    @BeforeEach
    void start() throws Exception {
        hearth = new InProcessHearth(Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void oversizedFiltersAreRefusedAtOnceNamingTheLimit() {
        LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        ContactServiceGrpc.ContactServiceBlockingStub contacts = ContactServiceGrpc.newBlockingStub(hearth.channel());
        SyncServiceGrpc.SyncServiceBlockingStub sync = SyncServiceGrpc.newBlockingStub(hearth.channel());

        assertRefusedFilter(() -> leads.listLeads(ListLeadsRequest.newBuilder().setFilter(HUGE_FILTER).build()),
                "4096 characters");
        assertRefusedFilter(() -> contacts.listContacts(ListContactsRequest.newBuilder().setFilter(HUGE_FILTER)
                .build()), "4096 characters");
        assertRefusedFilter(() -> sync.exportLeads(ExportLeadsRequest.newBuilder().setConnector("connectors/csv")
                .setFilter(HUGE_FILTER).build()).hasNext(), "4096 characters");
        String manyTerms = String.join(" AND ", Collections.nCopies(51, "tag = a"));
        assertRefusedFilter(() -> leads.listLeads(ListLeadsRequest.newBuilder().setFilter(manyTerms).build()),
                "at most 50 conditions");
    }

    @Test
    void aBadFilterIsEchoedOnlyAsAShortExcerpt() {
        LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
        String bad = "owner = alice JUNK" + "x".repeat(4000);

        assertThatThrownBy(() -> leads.listLeads(ListLeadsRequest.newBuilder().setFilter(bad).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).hasSizeLessThan(200).containsOnlyOnce("JUNK");
                    assertThat(fieldDescription(e)).hasSizeLessThan(150).containsOnlyOnce("JUNK");
                });
    }

    private static void assertRefusedFilter(ThrowingCallable call, String limit) {
        long started = System.nanoTime();
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(badRequestFields(e)).containsExactly("filter");
            assertThat(fieldDescription(e)).contains(limit);
            assertThat(e.getStatus().getDescription()).hasSizeLessThan(200);
        });
        assertThat(System.nanoTime() - started).as("refused before any query").isLessThan(2_000_000_000L);
    }

    static String fieldDescription(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream()
                .filter(any -> any.is(BadRequest.class))
                .map(any -> {
                    try {
                        return any.unpack(BadRequest.class).getFieldViolations(0).getDescription();
                    } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                        throw new AssertionError(ex);
                    }
                })
                .findFirst().orElseThrow();
    }
}
