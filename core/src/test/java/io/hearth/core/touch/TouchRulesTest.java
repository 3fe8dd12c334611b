package io.hearth.core.touch;

import static io.hearth.core.touch.CadenceRulesTest.assertReason;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.lead.Temperature;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.LeadSource;
import io.hearth.core.person.PersonKind;
import io.hearth.core.person.PersonRef;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TouchRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private final TouchRules rules = new TouchRules();
    private final Person lead = new Person(
            new PersonRef(PersonKind.LEAD, UUID.randomUUID()),
            "alice",
            LeadSource.REFERRAL,
            Temperature.WARM,
            false,
            false);
    private final Person contact =
            new Person(new PersonRef(PersonKind.CONTACT, UUID.randomUUID()), "alice", null, null, false, false);

    @Test
    void coldCallsGoOnlyToLeadsAndFollowUpsOnlyToContacts() {
        rules.check(lead, TouchKind.COLD_CALL, active(lead));
        rules.check(lead, TouchKind.TOUCH_BASE, active(lead));
        rules.check(contact, TouchKind.FOLLOW_UP, active(contact));
        rules.check(contact, TouchKind.TOUCH_BASE, active(contact));
        assertReason(() -> rules.check(contact, TouchKind.COLD_CALL, active(contact)), "COLD_CALL_TO_CONTACT");
        assertReason(() -> rules.check(lead, TouchKind.FOLLOW_UP, active(lead)), "FOLLOW_UP_TO_LEAD");
    }

    @Test
    void archivedUnsubscribedAndConvertedPeopleGetNoTouch() {
        Person archived = new Person(contact.ref(), "alice", null, null, true, false);
        Person converted = new Person(lead.ref(), "alice", LeadSource.REFERRAL, Temperature.WARM, false, true);
        assertReason(() -> rules.check(archived, TouchKind.TOUCH_BASE, active(archived)), "PERSON_ARCHIVED");
        assertReason(() -> rules.check(converted, TouchKind.TOUCH_BASE, active(converted)), "LEAD_CONVERTED");
        Cadence unsubscribed = new Cadence(contact.ref(), CadenceState.UNSUBSCRIBED, 0, 0, null, NOW);
        assertReason(() -> rules.check(contact, TouchKind.FOLLOW_UP, unsubscribed), "PERSON_UNSUBSCRIBED");
    }

    @Test
    void messagesNameThePersonAndWhatToDoInstead() {
        assertThatThrownBy(() -> rules.check(contact, TouchKind.COLD_CALL, active(contact)))
                .hasMessageContaining(contact.ref().name())
                .hasMessageContaining("never cold calls");
    }

    private static Cadence active(Person person) {
        return Cadence.start(person.ref(), NOW);
    }
}
