package io.hearth.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.StatusRuntimeException;
import io.hearth.core.HearthCore;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadSource;
import io.hearth.server.InProcessHearth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MetricsTest {
    @Test
    void everyCallIsCountedAndTimedByMethodAndStatusCodeAndScrapedOverHttp() throws Exception {
        try (InProcessHearth hearth = new InProcessHearth(Clock.systemUTC())) {
            LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
            leads.createLead(CreateLeadRequest.newBuilder()
                    .setLead(Lead.newBuilder().setGivenName("Ada").setEmail("ada@example.com"))
                    .build());
            leads.createLead(CreateLeadRequest.newBuilder()
                    .setLead(Lead.newBuilder().setGivenName("Grace").setEmail("grace@example.com"))
                    .build());
            assertThatThrownBy(() -> leads.getLead(GetLeadRequest.newBuilder()
                            .setName("leads/not-an-id")
                            .build()))
                    .isInstanceOf(StatusRuntimeException.class);

            Metrics metrics = hearth.get(Metrics.class);
            try (MetricsEndpoint endpoint = MetricsEndpoint.start(metrics, "127.0.0.1", 0)) {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> scraped = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(scraped.statusCode()).isEqualTo(200);
                assertThat(scraped.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
                assertThat(scraped.body())
                        .containsPattern("hearth_rpc_seconds_count\\{code=\"OK\",method=\"hearth\\.v1\\.LeadService/"
                                + "CreateLead\"} 2(\\.0)?\\n")
                        .containsPattern("hearth_rpc_seconds_count\\{code=\"INVALID_ARGUMENT\",method=\"hearth\\.v1\\."
                                + "LeadService/GetLead\"} 1(\\.0)?\\n")
                        .contains(
                                "hearth_rpc_seconds_bucket{code=\"OK\",method=\"hearth.v1.LeadService/CreateLead\",le=")
                        .contains("jvm_memory_used_bytes", "process_uptime_seconds")
                        .as("no personal data")
                        .doesNotContain("ada@example.com", "Grace");

                HttpResponse<String> posted = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(posted.statusCode()).isEqualTo(405);
            }
        }
    }

    @Test
    void theTeamsFiguresAreGaugesReadFromTheDatabaseWhenStale() throws Exception {
        try (InProcessHearth hearth = new InProcessHearth(Clock.systemUTC())) {
            LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(hearth.channel());
            leads.createLead(CreateLeadRequest.newBuilder()
                    .setLead(Lead.newBuilder()
                            .setGivenName("Ada")
                            .setEmail("ada@example.com")
                            .setSource(LeadSource.LEAD_SOURCE_WEB_FORM))
                    .build());
            Metrics metrics = new Metrics();
            MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
            DomainMetrics.bind(metrics, hearth.get(HearthCore.class).figures(), clock, Duration.ofSeconds(15));

            String first = metrics.scrape();
            assertThat(first)
                    .containsPattern("hearth_queue_entries\\{lane=\"speed_to_lead\",state=\"due\"} 1(\\.0)?\\n")
                    .containsPattern("hearth_queue_entries\\{lane=\"cold\",state=\"due\"} 0(\\.0)?\\n")
                    .containsPattern("hearth_speed_to_lead_misses 0(\\.0)?\\n")
                    .containsPattern("hearth_speed_to_lead_escalations 0(\\.0)?\\n")
                    .containsPattern("hearth_speed_to_lead_reassignments 0(\\.0)?\\n")
                    .contains("hearth_figures_age_seconds")
                    .doesNotContain("ada@example.com", "Ada");

            leads.createLead(CreateLeadRequest.newBuilder()
                    .setLead(Lead.newBuilder()
                            .setGivenName("Grace")
                            .setEmail("grace@example.com")
                            .setSource(LeadSource.LEAD_SOURCE_WEB_FORM))
                    .build());
            clock.advance(Duration.ofSeconds(5));
            assertThat(metrics.scrape())
                    .as("read again at most every 15 s")
                    .containsPattern("hearth_queue_entries\\{lane=\"speed_to_lead\",state=\"due\"} 1(\\.0)?\\n");
            clock.advance(Duration.ofSeconds(15));
            assertThat(metrics.scrape())
                    .containsPattern("hearth_queue_entries\\{lane=\"speed_to_lead\",state=\"due\"} 2(\\.0)?\\n");
        }
    }

    /** A clock a test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theDatabasePoolReportsItsConnectionsToTheRegistryItWasOpenedWith() {
        try (Metrics metrics = new Metrics();
                Database database = Database.open(
                        new DatabaseConfig(
                                "jdbc:hsqldb:mem:m"
                                        + UUID.randomUUID().toString().replace("-", ""),
                                "SA",
                                "",
                                3),
                        metrics.registry())) {
            database.dsl().fetchCount(database.dsl().selectOne());

            assertThat(metrics.scrape())
                    .contains("hikaricp_connections_max{pool=\"hearth-db\"} 3")
                    .contains("hikaricp_connections_active{pool=\"hearth-db\"}")
                    .contains("hikaricp_connections_acquire_seconds_count{pool=\"hearth-db\"}");
        }
    }
}
