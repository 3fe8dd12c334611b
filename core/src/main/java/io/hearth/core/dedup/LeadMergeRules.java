package io.hearth.core.dedup;

import io.hearth.core.contact.ContactFields;
import io.hearth.core.lead.LeadFields;
import io.hearth.core.person.PersonFieldCleaner;
import io.hearth.core.person.PersonFields;
import io.hearth.core.priority.Activity;
import io.hearth.core.priority.Answer;
import io.hearth.core.priority.Bant;
import io.hearth.core.priority.Qualification;
import io.hearth.core.priority.ReferralKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * How two leads of one person become one: the survivor keeps everything it knows, and learns from
 * the duplicate only what it does not. Nothing the duplicate knew is thrown away by the merge: the
 * duplicate stays, archived, with all its values.
 */
public final class LeadMergeRules {
    /** The most notes a lead holds (the lead rules' limit). */
    static final int MAX_NOTES = 10_000;

    private LeadMergeRules() {}

    /**
     * The survivor's fields, with each empty one filled from the duplicate, the tags of both (the
     * survivor's first, as many as a person holds) and the duplicate's notes after the survivor's.
     *
     * @param duplicateName the duplicate's resource name, to say where appended notes came from
     */
    public static PersonFields person(PersonFields survivor, PersonFields duplicate, String duplicateName) {
        return new PersonFields(
                either(survivor.givenName(), duplicate.givenName()),
                either(survivor.familyName(), duplicate.familyName()),
                either(survivor.company(), duplicate.company()),
                either(survivor.title(), duplicate.title()),
                either(survivor.email(), duplicate.email()),
                either(survivor.phone(), duplicate.phone()),
                survivor.source(), // where the survivor came from stays what it is
                either(survivor.owner(), duplicate.owner()),
                notes(survivor.notes(), duplicate.notes(), duplicateName),
                tags(survivor.tags(), duplicate.tags()));
    }

    /** A lead's fields after a duplicate lead is merged into it ({@link #person}); the rest stays the survivor's. */
    public static LeadFields fields(LeadFields survivor, LeadFields duplicate, String duplicateName) {
        return survivor.withPerson(person(survivor.person(), duplicate.person(), duplicateName));
    }

    /**
     * A contact's fields after a lead of the same person is merged into it, by the same rule
     * ({@link #person}); its kind and origin stay the contact's, and so does its source, unless it
     * has none (entered directly without one): then it takes the lead's, where the person came from.
     */
    public static ContactFields fields(ContactFields survivor, LeadFields duplicate, String duplicateName) {
        PersonFields merged = person(survivor.person(), duplicate.person(), duplicateName);
        return survivor.withPerson(merged.withSource(
                either(survivor.person().source(), duplicate.person().source())));
    }

    /**
     * A contact's fields after another contact of the same person is merged into it, by the same
     * rule ({@link #person}); its kind stays the survivor's, and so does its source unless it has
     * none: then it takes the duplicate's.
     */
    public static ContactFields fields(ContactFields survivor, ContactFields duplicate, String duplicateName) {
        PersonFields merged = person(survivor.person(), duplicate.person(), duplicateName);
        return survivor.withPerson(merged.withSource(
                either(survivor.person().source(), duplicate.person().source())));
    }

    private static List<String> tags(List<String> survivor, List<String> duplicate) {
        Set<String> tags = new LinkedHashSet<>(survivor);
        tags.addAll(duplicate);
        return List.copyOf(new ArrayList<>(tags).subList(0, Math.min(tags.size(), PersonFieldCleaner.MAX_TAGS)));
    }

    /**
     * The survivor's qualification, each unknown answer taken from the duplicate: need date,
     * value, referral, each BANT answer and the note; the higher lead level of the two.
     */
    public static Qualification qualification(Qualification survivor, Qualification duplicate) {
        Bant s = survivor.bant();
        Bant d = duplicate.bant();
        return new Qualification(
                either(survivor.needBy(), duplicate.needBy()),
                either(survivor.estimatedValue(), duplicate.estimatedValue()),
                survivor.referral() != ReferralKind.NONE ? survivor.referral() : duplicate.referral(),
                new Bant(
                        answer(s.budget(), d.budget()),
                        answer(s.authority(), d.authority()),
                        answer(s.need(), d.need()),
                        answer(s.timescale(), d.timescale())),
                either(survivor.note(), duplicate.note()),
                Math.max(survivor.leadLevel(), duplicate.leadLevel()));
    }

    /** One person's touch history from two: the first first touch, the last of the others. */
    public static Activity activity(Activity survivor, Activity duplicate) {
        return new Activity(
                pick(survivor.firstTouchAt(), duplicate.firstTouchAt(), LeadMergeRules::earlier),
                pick(survivor.lastTouchAt(), duplicate.lastTouchAt(), LeadMergeRules::later),
                pick(survivor.lastConversationAt(), duplicate.lastConversationAt(), LeadMergeRules::later),
                pick(survivor.lastPositiveAt(), duplicate.lastPositiveAt(), LeadMergeRules::later),
                either(survivor.nextMeetingAt(), duplicate.nextMeetingAt()));
    }

    static String notes(String survivor, String duplicate, String duplicateName) {
        if (duplicate == null || duplicate.isBlank() || duplicate.equals(survivor)) {
            return survivor;
        }
        String header = "From " + duplicateName + ": ";
        String base = survivor == null || survivor.isBlank() ? "" : survivor + "\n\n";
        int room = MAX_NOTES - base.length() - header.length();
        if (room <= 1) {
            return survivor; // the survivor's notes fill the lead; the duplicate keeps its own
        }
        String appended = duplicate.length() <= room ? duplicate : duplicate.substring(0, room - 1) + "…";
        return base + header + appended;
    }

    private static Answer answer(Answer survivor, Answer duplicate) {
        return survivor != Answer.UNKNOWN ? survivor : duplicate;
    }

    private static <T> T either(T survivor, T duplicate) {
        return survivor != null ? survivor : duplicate;
    }

    private static Instant pick(Instant a, Instant b, BinaryOperator<Instant> which) {
        return a == null ? b : b == null ? a : which.apply(a, b);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
