package io.hearth.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.connector.spi.StandardFields;
import org.junit.jupiter.api.Test;

class ValueMapTest {
    private final ValueMap ratings =
            ValueMap.parse("hot=Hot, warm=Warm,cool=Cold,cold=Cold", StandardFields.TEMPERATURES);

    @Test
    void mapsHearthsWordsToSalesforcesValuesAndBackInAnyLetterCase() {
        assertThat(ratings.toSalesforce("HOT")).contains("Hot");
        assertThat(ratings.toHearth("warm")).contains("warm");
        assertThat(ratings.toSalesforce("tepid")).isEmpty();
        assertThat(ratings.toHearth("Lukewarm")).isEmpty();
    }

    @Test
    void aSharedSalesforceValueReadsAsTheLastWordListed() {
        assertThat(ratings.toSalesforce("cool")).contains("Cold");
        assertThat(ratings.toHearth("Cold")).contains("cold");
    }

    @Test
    void hearthsEnumNamesReadAsItsWords() {
        ValueMap statuses = ValueMap.parse("unqualified=Closed - Not Converted", SalesforceConfig.STATUSES);

        assertThat(statuses.toSalesforce("UNQUALIFIED")).contains("Closed - Not Converted");
    }

    @Test
    void refusesWhatItCannotUseNamingIt() {
        assertThatThrownBy(() -> ValueMap.parse("hot", StandardFields.TEMPERATURES))
                .hasMessage("each entry must be word=Salesforce value, got 'hot'");
        assertThatThrownBy(() -> ValueMap.parse("tepid=Warm", StandardFields.TEMPERATURES))
                .hasMessage("'tepid' is not one of hot, warm, cool, cold");
        assertThatThrownBy(() -> ValueMap.parse("hot=", StandardFields.TEMPERATURES))
                .hasMessage("'hot' has no Salesforce value");
        assertThatThrownBy(() -> ValueMap.parse("hot=Hot,HOT=Warm", StandardFields.TEMPERATURES))
                .hasMessage("'hot' is given twice");
    }
}
