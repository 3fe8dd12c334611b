package io.hearth.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Unexpected failures are logged as a summary: no SQL text and no parameter values at error level. */
class FailureLoggingTest {
    private static final String SQL = "insert into lead (id, given_name, email) values (?, ?, ?)";
    private static final String VALUE = "ada.lovelace@private.example";

    private final Logger logger = (Logger) LoggerFactory.getLogger(ExceptionStatusInterceptor.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void capture() throws Exception {
        events.start();
        logger.addAppender(events);
        SQLException driver = new SQLException(
                "ERROR: duplicate key value violates unique constraint " + "\"lead_email_key\" Detail: Key (email)=("
                        + VALUE + ") already exists.",
                "23505",
                0);
        DataAccessException failure = new DataAccessException("SQL [" + SQL + "]; " + driver.getMessage(), driver);
        String name = InProcessServerBuilder.generateName();
        LeadServiceGrpc.LeadServiceImplBase throwing = new LeadServiceGrpc.LeadServiceImplBase() {
            @Override
            public void getLead(GetLeadRequest request, StreamObserver<Lead> response) {
                throw failure;
            }
        };
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(ServerInterceptors.intercept(throwing, new ExceptionStatusInterceptor()))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void release() throws Exception {
        logger.detachAppender(events);
        logger.setLevel(null);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aDatabaseFailureIsLoggedAtErrorWithoutItsSqlOrValues() {
        call();

        assertThat(events.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy())
                    .as("no exception, whose messages quote the SQL")
                    .isNull();
            assertThat(event.getFormattedMessage())
                    .contains("hearth.v1.LeadService/GetLead failed unexpectedly")
                    .contains("org.jooq.exception.DataAccessException <- java.sql.SQLException")
                    .contains("SQLState 23505")
                    .doesNotContain(SQL, VALUE, "insert into", "duplicate key");
        });
    }

    @Test
    void theWholeExceptionIsLoggedOnlyAtDebug() {
        logger.setLevel(Level.DEBUG);

        call();

        assertThat(events.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR, Level.DEBUG);
        assertThat(events.list.get(1).getThrowableProxy().getClassName())
                .isEqualTo(DataAccessException.class.getName());
    }

    private void call() {
        assertThatThrownBy(() -> LeadServiceGrpc.newBlockingStub(channel).getLead(GetLeadRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getStatus().getDescription()).doesNotContain(SQL, VALUE);
                });
    }
}
