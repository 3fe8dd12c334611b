package io.hearth.core.opportunity;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.Excerpts;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.person.ContactId;
import io.hearth.core.query.Comparison;
import io.hearth.core.query.EnumValues;
import io.hearth.core.query.FilterExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conditions of an opportunity list; every condition must hold. Fields: {@code owner},
 * {@code stage}, {@code contact} (a contact's name), {@code outcome} (open, won, lost) and
 * {@code closed} (true or false).
 */
public record OpportunityFilter(
        List<String> owners, List<String> stages, List<ContactId> contacts, List<Outcome> outcomes, Boolean closed) {
    public static final OpportunityFilter NONE =
            new OpportunityFilter(List.of(), List.of(), List.of(), List.of(), null);
    private static final String FIELDS = "owner, stage, contact, outcome or closed";

    public OpportunityFilter {
        owners = List.copyOf(owners);
        stages = List.copyOf(stages);
        contacts = List.copyOf(contacts);
        outcomes = List.copyOf(outcomes);
    }

    /**
     * @param pipeline the stages a {@code stage} condition may name
     * @param field the request field the text came from, named in errors
     */
    public static OpportunityFilter parse(String text, PipelineStages pipeline, String field) {
        requireNonNull(pipeline, "pipeline is null");
        List<String> owners = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        List<ContactId> contacts = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        Boolean closed = null;
        for (Comparison c : FilterExpression.parse(text, field)) {
            switch (c.field()) {
                case "owner" -> owners.add(c.value().strip());
                case "stage" -> stages.add(pipeline.named(c.value(), field).key());
                case "contact" -> contacts.add(ContactId.fromName(c.value().strip(), field));
                case "outcome" -> outcomes.add(EnumValues.parse(Outcome.class, c.value(), "OUTCOME_", field));
                case "closed" -> {
                    String value = c.value().strip().toLowerCase(Locale.ROOT);
                    if (!value.equals("true") && !value.equals("false")) {
                        throw InvalidArgumentException.of(
                                field, "closed is true or false, got " + Excerpts.quoted(c.value()));
                    }
                    closed = Boolean.valueOf(value);
                }
                default ->
                    throw InvalidArgumentException.of(
                            field, "cannot filter on " + Excerpts.quoted(c.field()) + "; use " + FIELDS);
            }
        }
        return new OpportunityFilter(owners, stages, contacts, outcomes, closed);
    }

    String canonical() {
        return "owner=" + owners + ";stage=" + stages + ";contact=" + contacts + ";outcome=" + outcomes + ";closed="
                + closed;
    }
}
