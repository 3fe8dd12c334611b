package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.FieldBehavior;
import com.google.api.FieldBehaviorProto;
import com.google.api.ResourceProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.hearth.proto.v1.AdminProto;
import io.hearth.proto.v1.FollowUpProto;
import io.hearth.proto.v1.QueueProto;
import io.hearth.proto.v1.SyncProto;
import io.hearth.proto.v1.TeamProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the protos that buf lint cannot check (issue 18): a resource carries one identifier,
 * its {@code name}, annotated IDENTIFIER (never a second {@code id}); and a resource reference names a
 * resource type the protos define, so a typo in one is caught by the build, not by a client's
 * generator.
 */
class ResourceAnnotationsTest {

    private static final Path PROTO_SOURCES = Path.of("..", "proto", "src", "main", "proto", "hearth", "v1");

    private static final List<FileDescriptor> FILES = new ArrayList<>();
    private static final List<Descriptor> MESSAGES = new ArrayList<>();

    @BeforeAll
    static void collectHearthFiles() {
        // every hearth/v1 file is one of these or an import of one
        Deque<FileDescriptor> todo = new ArrayDeque<>(List.of(
                AdminProto.getDescriptor(),
                SyncProto.getDescriptor(),
                TeamProto.getDescriptor(),
                FollowUpProto.getDescriptor(),
                QueueProto.getDescriptor()));
        Set<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            FileDescriptor file = todo.pop();
            if (!file.getPackage().equals("hearth.v1") || !seen.add(file.getName())) {
                continue;
            }
            FILES.add(file);
            todo.addAll(file.getDependencies());
            Deque<Descriptor> messages = new ArrayDeque<>(file.getMessageTypes());
            while (!messages.isEmpty()) {
                Descriptor message = messages.pop();
                MESSAGES.add(message);
                messages.addAll(message.getNestedTypes());
            }
        }
    }

    @Test
    void everyProtoFileIsChecked() throws IOException {
        try (Stream<Path> sources = Files.list(PROTO_SOURCES)) {
            assertThat(FILES.stream().map(FileDescriptor::getName))
                    .containsExactlyInAnyOrderElementsOf(
                            sources.map(p -> "hearth/v1/" + p.getFileName()).toList());
        }
    }

    @Test
    void aResourceHasOneIdentifierItsName() {
        Map<String, Descriptor> resources = resources();
        assertThat(resources).containsKeys("hearth.io/Lead", "hearth.io/Contact", "hearth.io/Opportunity");
        resources.values().forEach(resource -> {
            FieldDescriptor name = resource.findFieldByName("name");
            assertThat(name).as(resource.getFullName() + ".name").isNotNull();
            assertThat(name.getType()).isEqualTo(FieldDescriptor.Type.STRING);
            assertThat(behaviors(name)).as(name.getFullName()).contains(FieldBehavior.IDENTIFIER);
            assertThat(resource.findFieldByName("id"))
                    .as(resource.getFullName() + " has an id beside its name")
                    .isNull();
            assertThat(resource.getFields().stream()
                            .filter(field -> behaviors(field).contains(FieldBehavior.IDENTIFIER))
                            .map(FieldDescriptor::getName))
                    .as(resource.getFullName())
                    .containsExactly("name");
        });
    }

    @Test
    void everyResourceReferenceNamesADefinedResourceType() {
        Set<String> types = resources().keySet();
        List<String> references = new ArrayList<>();
        for (Descriptor message : MESSAGES) {
            for (FieldDescriptor field : message.getFields()) {
                if (field.getOptions().hasExtension(ResourceProto.resourceReference)) {
                    String type = field.getOptions()
                            .getExtension(ResourceProto.resourceReference)
                            .getType();
                    references.add(type);
                    if (!type.equals("*")) {
                        assertThat(types).as(field.getFullName()).contains(type);
                    }
                }
            }
        }
        assertThat(references).as("the protos reference resources").contains("hearth.io/Lead", "*");
    }

    private static Map<String, Descriptor> resources() {
        Map<String, Descriptor> resources = new LinkedHashMap<>();
        for (Descriptor message : MESSAGES) {
            if (message.getOptions().hasExtension(ResourceProto.resource)) {
                String type = message.getOptions()
                        .getExtension(ResourceProto.resource)
                        .getType();
                assertThat(resources.put(type, message))
                        .as("two messages are " + type)
                        .isNull();
            }
        }
        return resources;
    }

    private static List<FieldBehavior> behaviors(FieldDescriptor field) {
        return field.getOptions().getExtension(FieldBehaviorProto.fieldBehavior);
    }
}
