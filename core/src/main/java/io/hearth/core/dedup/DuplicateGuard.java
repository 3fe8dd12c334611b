package io.hearth.core.dedup;

import static java.util.Objects.requireNonNull;

import io.hearth.core.error.AlreadyExistsException;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonRef;
import io.hearth.core.person.Scope;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Keeps a rep from entering by hand a person Hearth already has, lead or contact: one person
 * entered twice is worked twice. A person is "already there" by the very rules a sync merges on
 * ({@link MatchIndex}), so what hand entry lets through, a later import would not have merged
 * either. A rep who knows better (two people sharing a switchboard number) may enter it anyway.
 *
 * <p>A new lead from an inbound source (a web form) is never refused: a person who asks again is
 * the hottest lead there is, and refusing the form would stop the speed-to-lead clock for them.
 * It is entered and answered within minutes like any inquiry, and merged afterwards; meanwhile it
 * names the person it may be, and goes to that person's rep when the inquiry names none, so two
 * reps do not work one person.
 */
public final class DuplicateGuard {
    /** The reason in the error a refused entry gets. */
    public static final String REASON = ErrorReason.DUPLICATE_PERSON.name();

    private final PersonMatchStore matches;
    private final Set<LeadSource> inboundSources;

    /** @param inboundSources the sources of new leads never refused: those that start the speed-to-lead clock */
    public DuplicateGuard(PersonMatchStore matches, Set<LeadSource> inboundSources) {
        this.matches = requireNonNull(matches, "matches is null");
        this.inboundSources = Set.copyOf(inboundSources);
    }

    /** Whether a new lead from {@code source} is entered even when its person is already there. */
    public boolean waived(LeadSource source) {
        return inboundSources.contains(source);
    }

    /** Someone already in Hearth with one of these keys, the one a sync would merge them into. */
    public record Duplicate(PersonRef person, String displayName, String owner, boolean archived, MatchIndex.Key key) {}

    /**
     * The turns a writer of a person with these keys takes before its transaction
     * ({@code Transactor.inTransactionExclusive(Collection, Supplier)}): the same ids it claims in it.
     */
    public static List<Long> turns(MatchKeys keys) {
        return KeyClaims.of(keys);
    }

    /**
     * Inside the caller's transaction: claims the keys ({@link PersonMatchStore#claim}), so a
     * concurrent writer of one of them waits for this transaction, then looks them up.
     */
    public Optional<Duplicate> find(MatchKeys keys) {
        matches.claim(KeyClaims.of(keys));
        // one person's lookups, no batch's (PersonMatchStore.lookingUp): each is planned for its keys
        MatchIndex index = MatchIndex.load(null, List.of(keys), matches);
        MatchIndex.Match match = index.matchWithKey(keys);
        if (match == null) {
            return Optional.empty();
        }
        PersonRef person = match.person();
        boolean archived = person.isLead()
                ? index.lead(person.leadId()).archived()
                : index.contact(person.contactId()).archived();
        return Optional.of(
                new Duplicate(person, index.displayName(person), index.owner(person), archived, match.key()));
    }

    /**
     * Refuses a new person who is already there, inside the create's transaction. A duplicate
     * found is no refusal when it is the person a concurrent call with the same request id just
     * stored: that call's person is this one's answer, as it is for any retry.
     *
     * @param sameRequestStored whether a person carrying this create's request id is stored now
     * @return true to go on and store the person; false when the same request already stored it
     * @throws AlreadyExistsException naming the person already there
     */
    public boolean admit(MatchKeys keys, BooleanSupplier sameRequestStored) {
        return admit(keys, sameRequestStored, Scope.EVERYONE);
    }

    /**
     * {@link #admit(MatchKeys, BooleanSupplier)} for a caller in {@code scope}: a person already
     * there that the caller may not see is refused without being named.
     */
    public boolean admit(MatchKeys keys, BooleanSupplier sameRequestStored, Scope scope) {
        Optional<Duplicate> duplicate = find(keys);
        if (duplicate.isEmpty()) {
            return true;
        }
        if (sameRequestStored.getAsBoolean()) {
            return false;
        }
        throw refusal(duplicate.get(), keys, scope);
    }

    /**
     * For an edit of {@code self}, inside its transaction: refuses an email, phone or name and
     * company the edit brings in that someone else already has. Only the keys the edit changes
     * are checked, so an edit of a person who shares a key with another since before the check
     * (or by {@code allow_duplicate}) is not refused for what it did not change.
     *
     * @param self the id of the lead or contact edited (a converted lead's contact shares it)
     * @throws AlreadyExistsException naming the person already there
     */
    public void refuseChange(UUID self, MatchKeys before, MatchKeys after) {
        refuseChange(self, before, after, Scope.EVERYONE);
    }

    /** {@link #refuseChange(UUID, MatchKeys, MatchKeys)} naming the person already there only to a caller who may see them. */
    public void refuseChange(UUID self, MatchKeys before, MatchKeys after, Scope scope) {
        MatchKeys changed = new MatchKeys(
                null,
                changed(before.emailKey(), after.emailKey()),
                changed(before.phone(), after.phone()),
                changed(before.nameKey(), after.nameKey()));
        if (changed.emailKey() == null && changed.phone() == null && changed.nameKey() == null) {
            return;
        }
        find(changed).filter(duplicate -> !duplicate.person().id().equals(self)).ifPresent(duplicate -> {
            throw refusal(duplicate, changed, scope);
        });
    }

    private static String changed(String before, String after) {
        return after == null || after.equals(before) ? null : after;
    }

    private static AlreadyExistsException refusal(Duplicate duplicate, MatchKeys keys, Scope scope) {
        if (!scope.mayKnow(duplicate.owner())) {
            // another rep's person: say that the person exists, never who they are or their id
            return new AlreadyExistsException(
                    ErrorReason.DUPLICATE_PERSON,
                    "someone another rep works already has " + what(duplicate, keys)
                            + "; ask a manager, or set allow_duplicate to enter a second person anyway",
                    null);
        }
        return new AlreadyExistsException(
                ErrorReason.DUPLICATE_PERSON,
                message(duplicate, keys),
                duplicate.person().name());
    }

    private static String message(Duplicate duplicate, MatchKeys keys) {
        return duplicate.person().name() + " (" + duplicate.displayName() + ") already has " + what(duplicate, keys)
                + (duplicate.archived() ? "; it is archived: restore it instead" : "; work that one")
                + ", or set allow_duplicate to enter a second person anyway";
    }

    private static String what(Duplicate duplicate, MatchKeys keys) {
        String what = switch (duplicate.key()) {
            case EMAIL -> "the email " + keys.emailKey();
            case PHONE -> "the phone " + keys.phone();
            case NAME_AND_COMPANY -> {
                int bar = keys.nameKey().lastIndexOf('|');
                String company = keys.nameKey().substring(bar + 1);
                yield "the name '" + keys.nameKey().substring(0, bar).strip() + "'"
                        + (company.isEmpty() ? " and no company" : " at '" + company + "'");
            }
            case EXTERNAL_ID -> "the external id " + keys.externalId();
        };
        return what;
    }
}
