package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.hearth.proto.v1.AdminServiceGrpc;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.CreateContactRequest;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.QueueServiceGrpc;
import io.hearth.proto.v1.SyncServiceGrpc;
import io.hearth.server.InProcessHearth;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Requests built from fuzz input, for every unary RPC that reads or changes people, touches,
 * follow-ups, the queue, sync runs and the audit log, are sent through the real server (in
 * process, on HSQLDB): each is answered, or refused with one of the documented codes, and an
 * INVALID_ARGUMENT names the offending field (AIP-193's BadRequest); never INTERNAL, UNKNOWN or
 * another code that would mean an exception escaped validation.
 *
 * <p>A request is built field by field from its descriptor: each field set or not, strings mostly
 * taken from a pool of values that reach deep (names of existing leads and contacts, field-mask
 * paths, filters, emails, phones, control characters, very long text), numbers mostly from edge
 * values, enums including numbers no enum declares. One input in eight is instead sent as raw
 * bytes, which must parse or be refused as unparseable. Under {@code ./mvnw verify} this replays
 * the files in {@code RequestValidationFuzzTestInputs/answersEveryRequest}; the module {@code fuzz/} then
 * fuzzes it (README, "Fuzz tests").
 *
 * <p>Calls carry the admin token, so that every RPC gets past authentication and scoping to its
 * validation. Left out: the RPCs that stream, start sync runs or reach outside systems
 * (StartSync, ImportFile, Export*, WatchQueue, Create/Update/Delete/Test/RunConnection).
 */
class RequestValidationFuzzTest {
    private static final String ADMIN = "hth_request-validation-fuzz-admin-token-0123";
    private static final Set<String> LEFT_OUT = Set.of(
            "hearth.v1.SyncService/CreateConnection",
            "hearth.v1.SyncService/UpdateConnection",
            "hearth.v1.SyncService/DeleteConnection",
            "hearth.v1.SyncService/TestConnection");
    private static final Set<Status.Code> ANSWERS = EnumSet.of(
            Status.Code.OK,
            Status.Code.INVALID_ARGUMENT,
            Status.Code.NOT_FOUND,
            Status.Code.ALREADY_EXISTS,
            Status.Code.ABORTED,
            Status.Code.FAILED_PRECONDITION,
            Status.Code.RESOURCE_EXHAUSTED);
    private static final int MAX_DEPTH = 4;
    private static final long[] EDGE_NUMBERS = {
        0,
        1,
        -1,
        2,
        10,
        50,
        100,
        1000,
        1001,
        10_000,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        253402300799L,
        253402300800L,
        -62135596800L,
        -62135596801L,
        999_999_999,
        1_000_000_000
    };
    private static final double[] EDGE_DOUBLES = {
        0, -0.0, 0.5, 1, -1, 100, 1e308, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
    };
    private static final MethodDescriptor.Marshaller<byte[]> RAW_BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static InProcessHearth hearth;
    private static Channel channel;
    private static List<MethodDescriptor<Message, Message>> methods;
    private static String[] strings;

    @BeforeAll
    static void start() throws Exception {
        hearth = InProcessHearth.listeningOn(Clock.systemUTC(), "127.0.0.1", Optional.of(ADMIN));
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + ADMIN);
        channel = ClientInterceptors.intercept(hearth.channel(), MetadataUtils.newAttachHeadersInterceptor(headers));
        methods = new ArrayList<>();
        Set<String> fieldNames = new TreeSet<>();
        for (ServiceDescriptor service : List.of(
                LeadServiceGrpc.getServiceDescriptor(),
                QueueServiceGrpc.getServiceDescriptor(),
                ContactServiceGrpc.getServiceDescriptor(),
                FollowUpServiceGrpc.getServiceDescriptor(),
                SyncServiceGrpc.getServiceDescriptor(),
                AdminServiceGrpc.getServiceDescriptor(),
                io.hearth.proto.v1.TeamServiceGrpc.getServiceDescriptor(),
                io.hearth.proto.v1.OpportunityServiceGrpc.getServiceDescriptor())) {
            for (MethodDescriptor<?, ?> method : service.getMethods()) {
                if (method.getType() == MethodDescriptor.MethodType.UNARY
                        && !LEFT_OUT.contains(method.getFullMethodName())) {
                    @SuppressWarnings("unchecked")
                    MethodDescriptor<Message, Message> unary = (MethodDescriptor<Message, Message>) method;
                    methods.add(unary);
                    collectFieldNames(prototype(unary).getDescriptorForType(), "", fieldNames, 0);
                }
            }
        }
        Lead lead = LeadServiceGrpc.newBlockingStub(channel)
                .createLead(CreateLeadRequest.newBuilder()
                        .setLead(Lead.newBuilder()
                                .setGivenName("Ada")
                                .setFamilyName("Lovelace")
                                .setEmail("ada@example.com")
                                .setPhone("+14155550100")
                                .setOwner("alice"))
                        .build());
        String contact = ContactServiceGrpc.newBlockingStub(channel)
                .createContact(CreateContactRequest.newBuilder()
                        .setContact(io.hearth.proto.v1.Contact.newBuilder()
                                .setGivenName("Grace")
                                .setFamilyName("Hopper")
                                .setEmail("grace@example.com")
                                .setKind(ContactKind.CONTACT_KIND_PROSPECT)
                                .setOwner("alice"))
                        .build())
                .getName();
        io.hearth.proto.v1.Opportunity deal = io.hearth.proto.v1.OpportunityServiceGrpc.newBlockingStub(channel)
                .createOpportunity(io.hearth.proto.v1.CreateOpportunityRequest.newBuilder()
                        .setOpportunity(io.hearth.proto.v1.Opportunity.newBuilder()
                                .setContact(contact)
                                .setTitle("Pilot")
                                .setAmount(com.google.type.Money.newBuilder()
                                        .setCurrencyCode("EUR")
                                        .setUnits(1000))
                                .setExpectedCloseDate(com.google.type.Date.newBuilder()
                                        .setYear(2027)
                                        .setMonth(3)
                                        .setDay(31)))
                        .build());
        List<String> pool = new ArrayList<>(List.of(
                lead.getName(),
                contact,
                deal.getName(),
                deal.getEtag(),
                "proposal",
                "closed_won",
                "amount desc",
                lead.getEtag(),
                lead.getName() + "/touches/1",
                contact + "/followUps/1",
                "leads/",
                "leads/-",
                "leads/00000000-0000-0000-0000-000000000000",
                "contacts/x",
                "syncRuns/1",
                "connectors/csv",
                "connectors/xlsx",
                "connectors/nope",
                "tokens/x",
                "",
                " ",
                "alice",
                "bob",
                "ada@example.com",
                "not an email",
                "a@b",
                "+14155550100",
                "(415) 555-0100",
                "+1 999",
                "owner = alice",
                "owner = alice AND tag = a",
                "owner = \"",
                "temperature = HOT",
                "created_time > \"2026-01-01T00:00:00Z\"",
                "tag = ",
                "NOT",
                "*",
                "CLIENT",
                "2026-12-06T09:00:00Z",
                "P1D",
                "EUR",
                "USD",
                "XXX",
                "\u0000",
                "tab\there",
                "line\nbreak",
                "\u202eright-to-left",
                "\ud83d\ude00",
                "\ud800",
                "x".repeat(257),
                "y".repeat(5000)));
        pool.addAll(fieldNames);
        strings = pool.toArray(String[]::new);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hearth != null) {
            hearth.close();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void answersEveryRequest(FuzzedDataProvider data) {
        MethodDescriptor<Message, Message> method = data.pickValue(methods);
        if (data.consumeInt(0, 7) == 0) {
            sendRaw(method, data.consumeRemainingAsBytes());
            return;
        }
        Message request = build(prototype(method).newBuilderForType(), data, 0);
        Status.Code code;
        StatusRuntimeException failure = null;
        try {
            ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, request);
            code = Status.Code.OK;
        } catch (StatusRuntimeException e) {
            failure = e;
            code = e.getStatus().getCode();
        }
        assertThat(code)
                .as("%s answering %s", method.getFullMethodName(), request)
                .isIn(ANSWERS);
        if (code == Status.Code.INVALID_ARGUMENT) {
            assertThat(fieldViolations(failure))
                    .as("the fields %s names refusing %s", method.getFullMethodName(), request)
                    .isNotEmpty()
                    .allSatisfy(field -> assertThat(field).isNotBlank());
        }
    }

    /** Bytes that may be no message at all: parsed and answered, or refused as unparseable. */
    private static void sendRaw(MethodDescriptor<?, ?> method, byte[] bytes) {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.newBuilder(RAW_BYTES, RAW_BYTES)
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(method.getFullMethodName())
                .build();
        try {
            ClientCalls.blockingUnaryCall(channel, raw, CallOptions.DEFAULT, bytes);
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode())
                    .as("%s answering %d bytes", method.getFullMethodName(), bytes.length)
                    .isIn(ANSWERS);
        }
    }

    private static Message build(Message.Builder builder, FuzzedDataProvider data, int depth) {
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            if (data.remainingBytes() == 0 || !data.consumeBoolean()) {
                continue;
            }
            if (field.isRepeated()) {
                int count = data.consumeInt(1, 3);
                for (int i = 0; i < count; i++) {
                    Object value = value(builder, field, data, depth);
                    if (value != null) {
                        builder.addRepeatedField(field, value);
                    }
                }
            } else {
                Object value = value(builder, field, data, depth);
                if (value != null) {
                    builder.setField(field, value);
                }
            }
        }
        return builder.build();
    }

    private static Object value(Message.Builder parent, FieldDescriptor field, FuzzedDataProvider data, int depth) {
        return switch (field.getJavaType()) {
            case STRING -> data.consumeBoolean() ? data.pickValue(strings) : data.consumeString(40);
            case INT -> (int) number(data);
            case LONG -> number(data);
            case BOOLEAN -> data.consumeBoolean();
            case FLOAT -> (float) decimal(data);
            case DOUBLE -> decimal(data);
            case BYTE_STRING -> ByteString.copyFrom(data.consumeBytes(16));
            case ENUM -> enumValue(field.getEnumType(), data);
            case MESSAGE -> depth >= MAX_DEPTH ? null : build(parent.newBuilderForField(field), data, depth + 1);
        };
    }

    private static long number(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(EDGE_NUMBERS) : data.consumeLong();
    }

    private static double decimal(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(EDGE_DOUBLES) : data.consumeDouble();
    }

    /** A declared value, or a number no value declares (what a newer client may send). */
    private static Object enumValue(EnumDescriptor type, FuzzedDataProvider data) {
        int highest = type.getValues().get(type.getValues().size() - 1).getNumber();
        return type.findValueByNumberCreatingIfUnknown(data.consumeInt(-1, highest + 2));
    }

    private static List<String> fieldViolations(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            return List.of();
        }
        return status.getDetailsList().stream()
                .filter(any -> any.is(BadRequest.class))
                .flatMap(any -> {
                    try {
                        return any.unpack(BadRequest.class).getFieldViolationsList().stream();
                    } catch (com.google.protobuf.InvalidProtocolBufferException bad) {
                        throw new AssertionError(bad);
                    }
                })
                .map(BadRequest.FieldViolation::getField)
                .toList();
    }

    private static Message prototype(MethodDescriptor<Message, Message> method) {
        return ((MethodDescriptor.PrototypeMarshaller<Message>) method.getRequestMarshaller()).getMessagePrototype();
    }

    /** Field names and dotted paths of a request, for update masks and order-by clauses. */
    private static void collectFieldNames(Descriptor type, String prefix, Set<String> names, int depth) {
        if (depth > 2) {
            return;
        }
        for (FieldDescriptor field : type.getFields()) {
            names.add(prefix + field.getName());
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()) {
                collectFieldNames(field.getMessageType(), prefix + field.getName() + ".", names, depth + 1);
                collectFieldNames(field.getMessageType(), "", names, depth + 1);
            }
        }
    }
}
