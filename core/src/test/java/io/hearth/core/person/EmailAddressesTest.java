package io.hearth.core.person;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "ada@example.com",
                "first.last+tag@sub.example.co.uk",
                "o'brien@example.ie",
                "x@xn--bcher-kva.example",
                "UPPER@EXAMPLE.COM"
            })
    void acceptsAddressesPeopleUse(String email) {
        assertThat(EmailAddresses.problemWith(email)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plainaddress",
                "@example.com",
                "ada@",
                "ada@example",
                "ada@@example.com",
                "ada example@example.com",
                "ada@exa mple.com",
                ".ada@example.com",
                "ada.@example.com",
                "ada..b@example.com",
                "ada@-example.com",
                "ada@example.c0m1",
                "ada@example..com"
            })
    void rejectsMalformedAddresses(String email) {
        assertThat(EmailAddresses.problemWith(email)).isNotNull().contains("email address");
    }

    @org.junit.jupiter.api.Test
    void rejectsOverlongAddresses() {
        assertThat(EmailAddresses.problemWith("a".repeat(250) + "@example.com")).contains("at most 254");
    }
}
