package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class TlsFailuresTest {

    @Test
    void aPlaintextConnectionResetAtOnceSaysTheServerMayRequireTls() {
        // the JDK's NIO socket (the CLI's transport) and Netty's epoll word the reset differently
        for (String reset : new String[] {"Connection reset", "Connection reset by peer"}) {
            Status status = Status.UNAVAILABLE.withDescription("io exception").withCause(new SocketException(reset));

            assertThat(TlsFailures.explain(status, ChannelSecurity.Mode.PLAINTEXT))
                    .as(reset)
                    .hasValueSatisfying(text -> assertThat(text).contains("may require TLS"));
        }
    }

    @Test
    void aRefusedConnectionIsNotATlsMatter() {
        Status status = Status.UNAVAILABLE
                .withDescription("io exception")
                .withCause(new ConnectException("Connection refused"));

        assertThat(TlsFailures.explain(status, ChannelSecurity.Mode.PLAINTEXT)).isEmpty();
    }
}
