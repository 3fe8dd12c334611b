package io.hearth.cli;

import com.google.protobuf.FieldMask;
import io.hearth.proto.v1.Contact;
import io.hearth.proto.v1.ContactKind;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.UpdateContactRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth contacts update ID}: changes exactly the fields given on the command line. The
 * update mask is always sent, since an empty mask would mean "every non-default field" and could
 * not clear a field. Each field option stays null unless given, so {@code --email ""} clears the
 * email while a missing {@code --email} leaves it alone.
 */
@Command(name = "update", description = "Change the given fields of a contact and print it.")
final class UpdateContactCommand extends RpcCommand {

    @Parameters(
            paramLabel = "ID",
            converter = ContactName.Converter.class,
            description = "Contact id or name (contacts/{id}).")
    String name;

    @Option(names = "--given-name", paramLabel = "NAME", description = "Given (first) name.")
    String givenName;

    @Option(names = "--family-name", paramLabel = "NAME", description = "Family (last) name.")
    String familyName;

    @Option(names = "--company", paramLabel = "NAME")
    String company;

    @Option(names = "--title", paramLabel = "TITLE", description = "Job title.")
    String title;

    @Option(names = "--email", paramLabel = "ADDRESS")
    String email;

    @Option(names = "--phone", paramLabel = "NUMBER", description = "Any common notation; stored as E.164.")
    String phone;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description = "prospect, active-client, dormant-client, supplier, partner or associate.")
    ContactKind kind;

    @Option(
            names = "--source",
            paramLabel = "SOURCE",
            completionCandidates = EnumNames.SourceNames.class,
            description = "Where the person came from: ${COMPLETION-CANDIDATES}.")
    LeadSource source;

    @Option(names = "--owner", paramLabel = "USER", description = "Rep who works the contact.")
    String owner;

    @Option(names = "--notes", paramLabel = "TEXT")
    String notes;

    @Option(
            names = "--tag",
            paramLabel = "TAG",
            description = "A tag; repeat for several. The tags given replace all tags.")
    List<String> tags;

    @Option(names = "--clear-tags", description = "Remove all tags.")
    boolean clearTags;

    @Option(
            names = "--etag",
            paramLabel = "ETAG",
            description = "Only update if the contact is still at this etag (guards against lost updates).")
    String etag = "";

    @Option(
            names = "--allow-duplicate",
            description = "Accept an email, phone, or name and company that another lead or contact"
                    + " already has (refused otherwise).")
    boolean allowDuplicate;

    @Override
    void execute() {
        UpdateContactRequest request = request();
        Contact updated = contactService().updateContact(request);
        if (json()) {
            ProtoJson.print(updated, out());
        } else {
            ContactPrinter.print(updated, out());
        }
    }

    private UpdateContactRequest request() {
        if (clearTags && tags != null) {
            throw usageError("--clear-tags and --tag exclude each other");
        }
        Contact.Builder contact = Contact.newBuilder().setName(name).setEtag(etag);
        List<String> paths = new ArrayList<>();
        apply("given_name", givenName, contact::setGivenName, paths);
        apply("family_name", familyName, contact::setFamilyName, paths);
        apply("company", company, contact::setCompany, paths);
        apply("title", title, contact::setTitle, paths);
        apply("email", email, contact::setEmail, paths);
        apply("phone", phone, contact::setPhone, paths);
        apply("kind", kind, contact::setKind, paths);
        apply("source", source, contact::setSource, paths);
        apply("owner", owner, contact::setOwner, paths);
        apply("notes", notes, contact::setNotes, paths);
        apply("tags", tags, contact::addAllTags, paths);
        if (clearTags) {
            paths.add("tags");
        }
        if (paths.isEmpty()) {
            throw usageError("Nothing to update: give at least one field option, e.g. --owner");
        }
        return UpdateContactRequest.newBuilder()
                .setContact(contact)
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(paths))
                .setAllowDuplicate(allowDuplicate)
                .build();
    }

    private static <T> void apply(String path, T value, Consumer<T> setter, List<String> paths) {
        if (value != null) {
            setter.accept(value);
            paths.add(path);
        }
    }
}
