package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuietNettyTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(HearthCli.NETTY_JFR);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(HearthCli.NETTY_JFR);
        } else {
            System.setProperty(HearthCli.NETTY_JFR, before);
        }
    }

    @Test
    void nettysFlightRecorderEventsAreOffUnlessTheUserSaidOtherwise() {
        System.clearProperty(HearthCli.NETTY_JFR);
        HearthCli.quietNetty();
        assertThat(System.getProperty(HearthCli.NETTY_JFR)).isEqualTo("false");

        System.setProperty(HearthCli.NETTY_JFR, "true");
        HearthCli.quietNetty();
        assertThat(System.getProperty(HearthCli.NETTY_JFR)).isEqualTo("true");
    }

    @Test
    void thePropertyIsTheOneTheShadedNettyReads() throws Exception {
        // the shaded Netty's PlatformDependent holds the name as a string constant: a rename in a
        // grpc-netty-shaded upgrade shows here instead of as a slower CLI
        Class<?> platform = Class.forName("io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent");
        try (var in = platform.getResourceAsStream("PlatformDependent.class")) {
            String bytes = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(bytes).contains(HearthCli.NETTY_JFR);
        }
    }
}
