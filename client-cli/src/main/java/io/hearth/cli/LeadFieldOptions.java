package io.hearth.cli;

import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadSource;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.Temperature;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The lead fields a user can set, shared by create and update. Each stays null unless given, so
 * an update can tell "not given" from "set to empty" ({@code --email ""} clears the email).
 */
final class LeadFieldOptions {

    @Option(names = "--given-name", paramLabel = "NAME", description = "Given (first) name.")
    String givenName;

    @Option(names = "--family-name", paramLabel = "NAME", description = "Family (last) name.")
    String familyName;

    @Option(names = "--company", paramLabel = "NAME", description = "Company the lead works for.")
    String company;

    @Option(names = "--title", paramLabel = "TITLE", description = "Job title.")
    String title;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "Email address.")
    String email;

    @Option(
            names = "--phone",
            paramLabel = "NUMBER",
            description = "Phone number in any common notation; stored as E.164.")
    String phone;

    @Option(
            names = "--source",
            paramLabel = "SOURCE",
            completionCandidates = EnumNames.SourceNames.class,
            description = "Where the lead came from: ${COMPLETION-CANDIDATES}.")
    LeadSource source;

    @Option(names = "--owner", paramLabel = "USER", description = "Rep who works the lead.")
    String owner;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            completionCandidates = EnumNames.StatusNames.class,
            description = "Pipeline status: ${COMPLETION-CANDIDATES}.")
    LeadStatus status;

    @Option(
            names = "--temperature",
            paramLabel = "TEMP",
            completionCandidates = EnumNames.TemperatureNames.class,
            description = "How likely and soon the lead closes: ${COMPLETION-CANDIDATES}.")
    Temperature temperature;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Free-form notes.")
    String notes;

    @Option(
            names = "--tag",
            paramLabel = "TAG",
            description = "A tag; repeat for several. On update, the tags given replace all tags.")
    List<String> tags;

    /** Sets the given fields on {@code lead}; returns their paths, for an update mask. */
    List<String> applyTo(Lead.Builder lead) {
        List<String> paths = new ArrayList<>();
        apply("given_name", givenName, lead::setGivenName, paths);
        apply("family_name", familyName, lead::setFamilyName, paths);
        apply("company", company, lead::setCompany, paths);
        apply("title", title, lead::setTitle, paths);
        apply("email", email, lead::setEmail, paths);
        apply("phone", phone, lead::setPhone, paths);
        apply("source", source, lead::setSource, paths);
        apply("owner", owner, lead::setOwner, paths);
        apply("status", status, lead::setStatus, paths);
        apply("temperature", temperature, lead::setTemperature, paths);
        apply("notes", notes, lead::setNotes, paths);
        apply("tags", tags, lead::addAllTags, paths);
        return paths;
    }

    private static <T> void apply(String path, T value, Consumer<T> setter, List<String> paths) {
        if (value != null) {
            setter.accept(value);
            paths.add(path);
        }
    }
}
