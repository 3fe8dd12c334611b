package io.hearth.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.person.CadenceState;
import io.hearth.core.person.LeadSource;
import org.junit.jupiter.api.Test;

class LeadFilterTest {
    @Test
    void readsEnumValuesHoweverTheyAreWritten() {
        LeadFilter filter = LeadFilter.parse(
                "status = lead_status_new AND temperature = Hot AND source = web-form "
                        + "AND source = TRADE_SHOW AND owner = alice AND tag = VIP",
                "filter");

        assertThat(filter.statuses()).containsExactly(LeadStatus.NEW);
        assertThat(filter.temperatures()).containsExactly(Temperature.HOT);
        assertThat(filter.person().sources()).containsExactly(LeadSource.WEB_FORM, LeadSource.TRADE_SHOW);
        assertThat(filter.person().owners()).containsExactly("alice");
        assertThat(filter.person().tags()).containsExactly("vip");
    }

    @Test
    void unknownFieldsAndValuesAreNamed() {
        assertThatThrownBy(() -> LeadFilter.parse("colour = red", "filter"))
                .hasMessageContaining("cannot filter on 'colour'");
        assertThatThrownBy(() -> LeadFilter.parse("temperature = lukewarm", "filter"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("hot");
    }

    @Test
    void possibleDuplicateIsTrueFalseOrAnything() {
        assertThat(LeadFilter.parse("possible_duplicate = TRUE", "filter").possibleDuplicate())
                .isTrue();
        assertThat(LeadFilter.parse("possible_duplicate = \"false\"", "filter").possibleDuplicate())
                .isFalse();
        assertThat(LeadFilter.parse("owner = alice", "filter").possibleDuplicate())
                .isNull();
        assertThatThrownBy(() -> LeadFilter.parse("possible_duplicate = maybe", "filter"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> LeadFilter.parse("possible_duplicate = true AND possible_duplicate = false", "f"))
                .isInstanceOf(InvalidArgumentException.class);
        LeadOrder order = LeadOrder.DEFAULT;
        assertThat(LeadQuery.fingerprint(LeadFilter.parse("possible_duplicate = true", "f"), order, false))
                .isNotEqualTo(LeadQuery.fingerprint(LeadFilter.parse("possible_duplicate = false", "f"), order, false));
    }

    @Test
    void cadenceStateIsReadAndPartOfTheFingerprint() {
        assertThat(LeadFilter.parse("cadence_state = drip", "filter").cadenceStates())
                .containsExactly(CadenceState.DRIP);
        assertThat(LeadFilter.parse("cadence_state = CADENCE_STATE_ACTIVE", "filter")
                        .cadenceStates())
                .containsExactly(CadenceState.ACTIVE);
        assertThatThrownBy(() -> LeadFilter.parse("cadence_state = asleep", "filter"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("drip");
        LeadOrder order = LeadOrder.DEFAULT;
        assertThat(LeadQuery.fingerprint(LeadFilter.parse("cadence_state = drip", "f"), order, false))
                .isNotEqualTo(LeadQuery.fingerprint(LeadFilter.parse("cadence_state = active", "f"), order, false));
    }

    @Test
    void equalFiltersShareAFingerprint() {
        LeadOrder order = LeadOrder.DEFAULT;
        assertThat(LeadQuery.fingerprint(LeadFilter.parse("status = new", "f"), order, false))
                .isEqualTo(LeadQuery.fingerprint(LeadFilter.parse("STATUS=\"NEW\"", "f"), order, false))
                .isNotEqualTo(LeadQuery.fingerprint(LeadFilter.parse("status = new", "f"), order, true));
    }

    @Test
    void ordersParse() {
        assertThat(LeadOrder.parse("", "order_by")).isEqualTo(LeadOrder.DEFAULT);
        assertThat(LeadOrder.parse("display_name DESC", "order_by"))
                .isEqualTo(new LeadOrder(LeadOrder.Key.DISPLAY_NAME, true));
        assertThatThrownBy(() -> LeadOrder.parse("display_name sideways", "order_by"))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> LeadOrder.parse("create_time, display_name", "order_by"))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
