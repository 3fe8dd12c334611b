package io.hearth.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListenPolicyTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "localhost",
                "LocalHost",
                "::1",
                "[::1]",
                "0:0:0:0:0:0:0:1",
                "::ffff:127.0.0.1"
            })
    void loopbackAddressesAreReachableOnlyFromThisMachine(String host) {
        assertThat(ListenPolicy.isLoopback(host)).isTrue();
        assertThat(ListenPolicy.refusal(host, false, false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "::",
                "10.0.0.7",
                "192.168.1.20",
                "128.0.0.1",
                "hearth.example.com",
                "localhost.example.com",
                "127.0.0.256",
                "fe80::1",
                "not a host"
            })
    void everyOtherAddressNeedsTlsOrInsecure(String host) {
        assertThat(ListenPolicy.isLoopback(host)).isFalse();
        assertThat(ListenPolicy.refusal(host, false, false))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("refusing to listen on " + host + " without TLS")
                        .contains("--tls-cert and --tls-key")
                        .contains("--insecure")
                        .doesNotContain("\n"));
        assertThat(ListenPolicy.refusal(host, true, false)).isEmpty();
        assertThat(ListenPolicy.refusal(host, false, true)).isEmpty();
    }
}
