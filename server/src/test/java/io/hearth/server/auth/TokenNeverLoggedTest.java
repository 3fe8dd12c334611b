package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.server.InProcessHearth;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Whatever the server logs about a call, at any level, never holds the token the call sent. */
@Timeout(60)
class TokenNeverLoggedTest {
    private static final String ADMIN = "hth_token-never-logged-admin-token-0123456";

    @Test
    void theLogOfCallsWithABadAGoodAndAMalformedTokenHoldsNoneOfThem() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // every logger at TRACE, jOOQ's SQL with its bind values too
        Map<Logger, Level> before = new HashMap<>();
        for (Logger logger : root.getLoggerContext().getLoggerList()) {
            before.put(logger, logger.getLevel());
            logger.setLevel(logger == root ? Level.TRACE : null);
        }
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        String bad = "hth_" + "S3cr3tGuess".repeat(4);
        String malformed = "Basic " + "dXNlcjpwYXNzd29yZA==".repeat(2);
        try (InProcessHearth hearth = InProcessHearth.listeningOn(Clock.systemUTC(), "127.0.0.1", Optional.of(ADMIN))) {
            assertThat(TokenCalls.call(hearth.channel(), LeadServiceGrpc.getListLeadsMethod(), Optional.of(bad))
                            .getCode())
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(TokenCalls.call(hearth.channel(), LeadServiceGrpc.getGetLeadMethod(), Optional.of(ADMIN))
                            .getCode())
                    .as("a call that fails after authentication")
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            TokenCalls.call(hearth.channel(), LeadServiceGrpc.getListLeadsMethod(), Optional.of(malformed));
        } finally {
            before.forEach(Logger::setLevel);
            root.detachAppender(events);
        }

        assertThat(events.list).as("the calls were logged at some level").isNotEmpty();
        for (ILoggingEvent event : events.list) {
            String logged = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                            ? ""
                            : event.getThrowableProxy().getMessage());
            assertThat(logged).doesNotContain(bad, ADMIN, "dXNlcjpwYXNzd29yZA");
        }
    }
}
