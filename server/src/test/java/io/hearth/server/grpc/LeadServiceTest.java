package io.hearth.server.grpc;

import static io.hearth.server.grpc.GrpcAssertions.assertCode;
import static io.hearth.server.grpc.GrpcAssertions.assertInvalid;
import static io.hearth.server.grpc.GrpcAssertions.errorReason;
import static io.hearth.server.grpc.GrpcAssertions.resourceName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.hearth.core.HearthCore;
import io.hearth.core.lead.Lead;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.person.LeadId;
import io.hearth.proto.v1.ArchiveLeadRequest;
import io.hearth.proto.v1.CadenceState;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.FollowUp;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListLeadsResponse;
import io.hearth.proto.v1.MergeLeadsRequest;
import io.hearth.proto.v1.MergeLeadsResponse;
import io.hearth.proto.v1.RestoreLeadRequest;
import io.hearth.proto.v1.ScheduleFollowUpRequest;
import io.hearth.proto.v1.Temperature;
import io.hearth.proto.v1.UpdateLeadRequest;
import io.hearth.server.InProcessHearth;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LeadService end to end inside one JVM: real wiring, real rules, in-memory HSQLDB. */
class LeadServiceTest {
    private InProcessHearth hearth;
    private LeadServiceGrpc.LeadServiceBlockingStub leads;

    @BeforeEach
    void start() throws Exception {
        hearth = new InProcessHearth(Clock.systemUTC());
        leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
    }

    @AfterEach
    void stop() throws Exception {
        hearth.close();
    }

    @Test
    void createThenGetReturnsTheNormalizedLead() {
        io.hearth.proto.v1.Lead created =
                leads.createLead(CreateLeadRequest.newBuilder().setLead(ada()).build());

        assertThat(created.getName()).matches("leads/[0-9a-f-]{36}");
        assertThat(created.getPhone()).isEqualTo("+14155550100");
        assertThat(created.getStatus()).isEqualTo(LeadStatus.LEAD_STATUS_NEW);
        // rated by the model: a web-form lead raised its hand
        assertThat(created.getTemperature()).isEqualTo(Temperature.TEMPERATURE_COOL);
        assertThat(created.getDisplayName()).isEqualTo("Ada Lovelace");
        assertThat(created.getEtag()).isNotEmpty();
        assertThat(created.hasCreateTime()).isTrue();
        assertThat(created.hasArchiveTime()).isFalse();
        assertThat(leads.getLead(
                        GetLeadRequest.newBuilder().setName(created.getName()).build()))
                .isEqualTo(created);
    }

    @Test
    void retriedCreateWithOneRequestIdMakesOneLead() {
        CreateLeadRequest request = CreateLeadRequest.newBuilder()
                .setLead(ada())
                .setRequestId("form-42")
                .build();

        io.hearth.proto.v1.Lead first = leads.createLead(request);
        io.hearth.proto.v1.Lead retry = leads.createLead(request);

        assertThat(retry).isEqualTo(first);
        assertThat(leads.listLeads(ListLeadsRequest.getDefaultInstance()).getLeadsList())
                .hasSize(1);
        assertInvalid(
                () -> leads.createLead(
                        request.toBuilder().setRequestId("x".repeat(101)).build()),
                "request_id");
    }

    @Test
    void aRetriedCreateShowsTheCadenceTheLeadHasMovedTo() {
        CreateLeadRequest request = CreateLeadRequest.newBuilder()
                .setLead(ada())
                .setRequestId("form-43")
                .build();
        io.hearth.proto.v1.Lead first = leads.createLead(request);
        assertThat(first.getCadenceState()).isEqualTo(CadenceState.CADENCE_STATE_ACTIVE);
        assertThat(first.hasNextStep()).isFalse();

        FollowUp call = FollowUpServiceGrpc.newBlockingStub(hearth.channel())
                .scheduleFollowUp(ScheduleFollowUpRequest.newBuilder()
                        .setPerson(first.getName())
                        .build());
        io.hearth.proto.v1.Lead retry = leads.createLead(request);

        // the first call's answer showed a new lead's cadence without reading one; the retry's must
        // be read, as GetLead reads it
        assertThat(retry.getNextStep().getFollowUp()).isEqualTo(call.getName());
        assertThat(retry.getCadenceState()).isEqualTo(CadenceState.CADENCE_STATE_WAITING);
        assertThat(retry)
                .isEqualTo(leads.getLead(
                        GetLeadRequest.newBuilder().setName(first.getName()).build()));
    }

    @Test
    void enteringAPersonTwiceIsRefusedNamingTheOneThere() {
        io.hearth.proto.v1.Lead first =
                leads.createLead(CreateLeadRequest.newBuilder().setLead(ada()).build());
        CreateLeadRequest again = CreateLeadRequest.newBuilder()
                .setLead(ada().toBuilder()
                        .setGivenName("Augusta Ada")
                        .setEmail("")
                        .setPhone("+1 415 555 0100")
                        .setSource(LeadSource.LEAD_SOURCE_TRADE_SHOW))
                .build();

        assertThatThrownBy(() -> leads.createLead(again)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
            assertThat(errorReason(e)).isEqualTo("DUPLICATE_PERSON");
            assertThat(resourceName(e)).isEqualTo(first.getName());
            assertThat(e.getStatus().getDescription()).contains(first.getName(), "the phone +14155550100");
        });
        io.hearth.proto.v1.Lead second =
                leads.createLead(again.toBuilder().setAllowDuplicate(true).build());
        assertThat(second.getName()).isNotEqualTo(first.getName());
        assertThat(leads.listLeads(ListLeadsRequest.getDefaultInstance()).getLeadsList())
                .hasSize(2);
    }

    @Test
    void aWebFormInquiryFromAPersonAlreadyThereIsEnteredSoItIsAnsweredInMinutes() {
        io.hearth.proto.v1.Lead first = leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(ada().toBuilder().setSource(LeadSource.LEAD_SOURCE_TRADE_SHOW))
                .build());

        io.hearth.proto.v1.Lead inquiry =
                leads.createLead(CreateLeadRequest.newBuilder().setLead(ada()).build());

        assertThat(inquiry.getName()).isNotEqualTo(first.getName());
        assertThat(inquiry.getSource()).isEqualTo(LeadSource.LEAD_SOURCE_WEB_FORM);
        assertThat(inquiry.getPossibleDuplicateOf()).isEqualTo(first.getName());
        assertThat(leads.getLead(GetLeadRequest.newBuilder()
                                .setName(inquiry.getName())
                                .build())
                        .getPossibleDuplicateOf())
                .isEqualTo(first.getName());
    }

    @Test
    void anUpdateToAnotherLeadsEmailIsRefusedUnlessAllowed() {
        io.hearth.proto.v1.Lead ada =
                leads.createLead(CreateLeadRequest.newBuilder().setLead(ada()).build());
        io.hearth.proto.v1.Lead alan = leads.createLead(CreateLeadRequest.newBuilder()
                .setLead(io.hearth.proto.v1.Lead.newBuilder()
                        .setGivenName("Alan")
                        .setEmail("alan@example.com"))
                .build());
        UpdateLeadRequest toAdasEmail = UpdateLeadRequest.newBuilder()
                .setLead(io.hearth.proto.v1.Lead.newBuilder()
                        .setName(alan.getName())
                        .setEmail("ada@example.com"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("email"))
                .build();

        assertThatThrownBy(() -> leads.updateLead(toAdasEmail))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
                    assertThat(resourceName(e)).isEqualTo(ada.getName());
                });
        assertThat(leads.updateLead(
                                toAdasEmail.toBuilder().setAllowDuplicate(true).build())
                        .getEmail())
                .isEqualTo("ada@example.com");
    }

    @Test
    void mergeLeadsFoldsTheDuplicateIntoTheSurvivorAndValidatesItsInput() {
        io.hearth.proto.v1.Lead ada =
                leads.createLead(CreateLeadRequest.newBuilder().setLead(ada()).build());
        io.hearth.proto.v1.Lead twin = leads.createLead(CreateLeadRequest.newBuilder()
                .setAllowDuplicate(true)
                .setLead(io.hearth.proto.v1.Lead.newBuilder()
                        .setGivenName("Ada")
                        .setFamilyName("Lovelace")
                        .setCompany("Analytical Engines")
                        .setNotes("asked for a demo")
                        .addTags("expo"))
                .build());
        MergeLeadsRequest merge = MergeLeadsRequest.newBuilder()
                .setSurvivor(ada.getName())
                .setDuplicate(twin.getName())
                .setDuplicateEtag(twin.getEtag())
                .build();

        MergeLeadsResponse merged = leads.mergeLeads(merge);

        assertThat(merged.getSurvivor().getTagsList()).containsExactly("expo");
        assertThat(merged.getSurvivor().getNotes()).contains("asked for a demo");
        assertThat(merged.getDuplicate().getMergedInto()).isEqualTo(ada.getName());
        assertThat(merged.getDuplicate().hasArchiveTime()).isTrue();
        assertThat(leads.getLead(GetLeadRequest.newBuilder()
                                .setName(twin.getName())
                                .build())
                        .getMergedInto())
                .isEqualTo(ada.getName());
        assertThat(leads.listLeads(ListLeadsRequest.getDefaultInstance()).getLeadsList())
                .extracting(io.hearth.proto.v1.Lead::getName)
                .containsExactly(ada.getName());

        assertCode(
                () -> leads.mergeLeads(merge.toBuilder().setDuplicateEtag("").build()),
                Status.Code.FAILED_PRECONDITION);
        assertInvalid(() -> leads.mergeLeads(merge.toBuilder().setSurvivor("").build()), "survivor");
        assertInvalid(
                () -> leads.mergeLeads(
                        merge.toBuilder().setDuplicate(ada.getName()).build()),
                "duplicate");
        assertCode(
                () -> leads.mergeLeads(merge.toBuilder()
                        .setDuplicate("leads/" + UUID.randomUUID())
                        .build()),
                Status.Code.NOT_FOUND);
        assertCode(
                () -> leads.restoreLead(
                        RestoreLeadRequest.newBuilder().setName(twin.getName()).build()),
                Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void leadWithoutNameEmailOrPhoneNamesAllThree() {
        assertInvalid(
                () -> leads.createLead(CreateLeadRequest.newBuilder()
                        .setLead(io.hearth.proto.v1.Lead.newBuilder().setCompany("Acme"))
                        .build()),
                "lead.given_name",
                "lead.email",
                "lead.phone");
        assertInvalid(() -> leads.createLead(CreateLeadRequest.getDefaultInstance()), "lead");
    }

    @Test
    void malformedEmailAndPhoneAreNamed() {
        assertInvalid(
                () -> leads.createLead(CreateLeadRequest.newBuilder()
                        .setLead(ada().toBuilder().setEmail("ada@").setPhone("call me maybe"))
                        .build()),
                "lead.email",
                "lead.phone");
    }

    @Test
    void unknownEnumNumbersAndConvertedStatusAreRejected() {
        assertInvalid(
                () -> leads.createLead(CreateLeadRequest.newBuilder()
                        .setLead(ada().toBuilder().setSourceValue(99))
                        .build()),
                "lead.source");
        assertInvalid(
                () -> leads.createLead(CreateLeadRequest.newBuilder()
                        .setLead(ada().toBuilder().setStatus(LeadStatus.LEAD_STATUS_CONVERTED))
                        .build()),
                "lead.status");
    }

    @Test
    void badListArgumentsAreInvalid() {
        assertInvalid(
                () -> leads.listLeads(
                        ListLeadsRequest.newBuilder().setPageSize(-1).build()),
                "page_size");
        assertInvalid(
                () -> leads.listLeads(
                        ListLeadsRequest.newBuilder().setPageToken("%%%").build()),
                "page_token");
        assertInvalid(
                () -> leads.listLeads(
                        ListLeadsRequest.newBuilder().setFilter("owner ~ x").build()),
                "filter");
        assertInvalid(
                () -> leads.listLeads(
                        ListLeadsRequest.newBuilder().setOrderBy("email").build()),
                "order_by");
    }

    @Test
    void pageTokenOfAnotherQueryIsInvalid() {
        for (int i = 0; i < 3; i++) {
            leads.createLead(CreateLeadRequest.newBuilder()
                    .setLead(ada().toBuilder().setOwner("alice"))
                    .setAllowDuplicate(true)
                    .build());
        }
        String token = leads.listLeads(ListLeadsRequest.newBuilder()
                        .setPageSize(1)
                        .setFilter("owner = alice")
                        .build())
                .getNextPageToken();
        assertThat(token).isNotEmpty();
        assertInvalid(
                () -> leads.listLeads(ListLeadsRequest.newBuilder()
                        .setPageSize(1)
                        .setPageToken(token)
                        .build()),
                "page_token");
    }

    @Test
    void malformedAndUnknownNames() {
        assertInvalid(
                () -> leads.getLead(
                        GetLeadRequest.newBuilder().setName("contacts/1").build()),
                "name");
        assertInvalid(() -> leads.getLead(GetLeadRequest.getDefaultInstance()), "name");
        String missing = "leads/" + UUID.randomUUID();
        assertThatThrownBy(() -> leads.getLead(
                        GetLeadRequest.newBuilder().setName(missing).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains(missing);
                });
    }

    @Test
    void updateHonoursMaskAndEtag() {
        io.hearth.proto.v1.Lead created =
                leads.createLead(CreateLeadRequest.newBuilder().setLead(ada()).build());
        io.hearth.proto.v1.Lead updated = leads.updateLead(UpdateLeadRequest.newBuilder()
                .setLead(created.toBuilder().setOwner("bob").setTitle("ignored, not in the mask"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("owner"))
                .build());

        assertThat(updated.getOwner()).isEqualTo("bob");
        assertThat(updated.getTitle()).isEqualTo(created.getTitle());
        assertThat(updated.getEtag()).isNotEqualTo(created.getEtag());

        assertThatThrownBy(() -> leads.updateLead(UpdateLeadRequest.newBuilder()
                        .setLead(created.toBuilder().setOwner("carol"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("owner"))
                        .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
                    assertThat(errorReason(e)).isEqualTo("STALE_ETAG");
                });
        assertInvalid(
                () -> leads.updateLead(UpdateLeadRequest.newBuilder()
                        .setLead(updated.toBuilder().setOwner("dave"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("owner").addPaths("favourite_colour"))
                        .build()),
                "update_mask");
    }

    @Test
    void updateWithoutMaskChangesTheFieldsThatAreSet() {
        io.hearth.proto.v1.Lead created =
                leads.createLead(CreateLeadRequest.newBuilder().setLead(ada()).build());
        io.hearth.proto.v1.Lead updated = leads.updateLead(UpdateLeadRequest.newBuilder()
                .setLead(io.hearth.proto.v1.Lead.newBuilder()
                        .setName(created.getName())
                        .setTemperature(Temperature.TEMPERATURE_HOT))
                .build());

        assertThat(updated.getTemperature()).isEqualTo(Temperature.TEMPERATURE_HOT);
        assertThat(updated.getEmail()).isEqualTo(created.getEmail());
        assertInvalid(
                () -> leads.updateLead(UpdateLeadRequest.newBuilder()
                        .setLead(io.hearth.proto.v1.Lead.newBuilder().setName(created.getName()))
                        .build()),
                "update_mask");
    }

    @Test
    void archiveAndRestore() {
        io.hearth.proto.v1.Lead created =
                leads.createLead(CreateLeadRequest.newBuilder().setLead(ada()).build());
        io.hearth.proto.v1.Lead archived = leads.archiveLead(ArchiveLeadRequest.newBuilder()
                .setName(created.getName())
                .setEtag(created.getEtag())
                .build());

        assertThat(archived.hasArchiveTime()).isTrue();
        assertThat(leads.listLeads(ListLeadsRequest.getDefaultInstance()).getLeadsList())
                .isEmpty();
        assertThat(leads.listLeads(ListLeadsRequest.newBuilder()
                                .setShowArchived(true)
                                .build())
                        .getLeadsList())
                .hasSize(1);

        io.hearth.proto.v1.Lead restored = leads.restoreLead(
                RestoreLeadRequest.newBuilder().setName(created.getName()).build());
        assertThat(restored.hasArchiveTime()).isFalse();
        assertThat(leads.listLeads(ListLeadsRequest.getDefaultInstance()).getLeadsList())
                .hasSize(1);
    }

    @Test
    void listingTenThousandLeadsPageByPageReturnsEachOnceInAStableOrder() {
        List<Lead> seeded = new ArrayList<>();
        Instant at = Instant.parse("2026-03-01T08:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            LeadFields fields = LeadFields.builder()
                    .givenName("Lead")
                    .familyName("No " + i)
                    .owner("team")
                    .source(io.hearth.core.person.LeadSource.PURCHASED_LIST)
                    .status(io.hearth.core.lead.LeadStatus.NEW)
                    .temperature(io.hearth.core.lead.Temperature.COLD)
                    .tags(List.of())
                    .build();
            // many leads per second, so the order relies on the id tie-break
            Instant created = at.plusSeconds(i / 50);
            seeded.add(new Lead(new LeadId(UUID.randomUUID()), fields, created, created, null, 1));
        }
        hearth.get(HearthCore.class).stores().leads().insertAll(seeded);

        List<String> firstWalk = walk(ListLeadsRequest.newBuilder()
                .setPageSize(333)
                .setFilter("owner = team")
                .setOrderBy("create_time desc")
                .build());
        List<String> secondWalk = walk(ListLeadsRequest.newBuilder()
                .setPageSize(333)
                .setFilter("owner = team")
                .setOrderBy("create_time desc")
                .build());

        assertThat(firstWalk).hasSize(10_000).doesNotHaveDuplicates().isEqualTo(secondWalk);
        assertThat(new HashSet<>(firstWalk))
                .isEqualTo(new HashSet<>(seeded.stream().map(l -> l.id().name()).toList()));
    }

    @Test
    void healthServiceReportsServing() {
        HealthCheckResponse response = HealthGrpc.newBlockingStub(hearth.channel())
                .check(HealthCheckRequest.newBuilder()
                        .setService("hearth.v1.LeadService")
                        .build());
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    private List<String> walk(ListLeadsRequest first) {
        List<String> names = new ArrayList<>();
        ListLeadsRequest request = first;
        while (true) {
            ListLeadsResponse page = leads.listLeads(request);
            assertThat(page.getLeadsCount()).isLessThanOrEqualTo(first.getPageSize());
            page.getLeadsList().forEach(l -> names.add(l.getName()));
            if (page.getNextPageToken().isEmpty()) {
                return names;
            }
            request = first.toBuilder().setPageToken(page.getNextPageToken()).build();
        }
    }

    private static io.hearth.proto.v1.Lead ada() {
        return io.hearth.proto.v1.Lead.newBuilder()
                .setGivenName("Ada")
                .setFamilyName("Lovelace")
                .setCompany("Analytical Engines")
                .setTitle("CTO")
                .setEmail("ada@example.com")
                .setPhone("(415) 555-0100")
                .setSource(LeadSource.LEAD_SOURCE_WEB_FORM)
                .setOwner("alice")
                .build();
    }
}
