package io.hearth.connector.crm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretHeaderTest {
    @Test
    void hidesItsValueWhenPrinted() {
        assertThat(SecretHeader.bearer("abc123").toString()).isEqualTo("Authorization: ***");
        assertThat(Credentials.header("x-api-token", "abc123").header().toString())
                .isEqualTo("x-api-token: ***");
    }

    @Test
    void aLineBreakIsRefusedWithoutQuotingTheValue() {
        assertThatThrownBy(() -> new SecretHeader("x-api-token", "s3cr3t\r\nX-Evil: 1"))
                .hasMessage("the value of header x-api-token contains a line break");
    }
}
