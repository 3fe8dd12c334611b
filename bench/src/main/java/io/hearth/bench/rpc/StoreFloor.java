package io.hearth.bench.rpc;

import com.google.protobuf.Timestamp;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.hearth.core.persistence.Database;
import io.hearth.core.persistence.DatabaseConfig;
import io.hearth.core.resource.TimeOrderedIds;
import io.hearth.proto.v1.CreateLeadRequest;
import io.hearth.proto.v1.FollowUpServiceGrpc;
import io.hearth.proto.v1.GetLeadRequest;
import io.hearth.proto.v1.Lead;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.LeadStatus;
import io.hearth.proto.v1.LogTouchRequest;
import io.hearth.proto.v1.LogTouchResponse;
import io.hearth.proto.v1.Temperature;
import io.hearth.proto.v1.UpdateLeadRequest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.jooq.ConnectionProvider;

/**
 * The storage floor of the writes the RPC benchmark measures: the same grpc-java Netty server as
 * {@link NoOpFloor}, on a database of its own migrated with Hearth's schema and reached through
 * Hearth's connection pool, that answers {@code CreateLead}, {@code UpdateLead}, {@code LogTouch}
 * and {@code GetLead} by writing the rows Hearth writes for them, and reading what it must read to
 * write them, once each, in one transaction, with plain JDBC and nothing else: no jOOQ, no rules,
 * no rating, no audit diff, no interceptors. What Hearth costs above this floor is its own code;
 * what this floor costs above the no-op floor is the database's. Prints {@code listening on
 * 127.0.0.1:PORT} like the server.
 *
 * <pre>
 * java -cp hearth-bench.jar io.hearth.bench.rpc.StoreFloor hsqldb DATA_DIR
 * java -cp hearth-bench.jar io.hearth.bench.rpc.StoreFloor postgresql JDBC_URL
 * </pre>
 *
 * The pool has Hearth's default size ({@code HEARTH_DB_POOL_SIZE}, else 10).
 */
public final class StoreFloor {
    private StoreFloor() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("hsqldb") || args[0].equals("postgresql"))) {
            throw new IllegalArgumentException("usage: StoreFloor hsqldb DATA_DIR | postgresql JDBC_URL");
        }
        int poolSize = Integer.parseInt(System.getenv().getOrDefault("HEARTH_DB_POOL_SIZE", "10"));
        DatabaseConfig config = args[0].equals("hsqldb")
                ? DatabaseConfig.embedded(Path.of(args[1]), poolSize)
                : new DatabaseConfig(args[1], null, null, poolSize);
        Database database = Database.open(config); // Hearth's migrations, Hearth's pool
        Rows rows = new Rows(
                database.dsl().configuration().connectionProvider(), config.kind() == DatabaseConfig.Kind.POSTGRESQL);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new HealthStatusManager().getHealthService())
                .addService(new Leads(rows))
                .addService(new FollowUps(rows))
                .build()
                .start();
        System.out.println("store floor listening on 127.0.0.1:" + server.getPort());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            database.close();
        }));
        server.awaitTermination();
    }

    /** The statements, on a pooled connection each call, committed or rolled back as one. */
    static final class Rows {
        private static final String LEAD_COLUMNS = "id, display_name, given_name, family_name, company, email, "
                + "source, owner, status, temperature, notes, created_at, updated_at, version";
        private final ConnectionProvider pool;
        private final boolean postgres;
        private final TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());

        Rows(ConnectionProvider pool, boolean postgres) {
            this.pool = pool;
            this.postgres = postgres;
        }

        interface Work<T> {
            T run(Connection connection) throws SQLException;
        }

        /** As Hearth does, a write that lost a race on a row version is tried again, up to five times. */
        <T> T inTransaction(Work<T> work) throws SQLException {
            for (int attempt = 1; ; attempt++) {
                try {
                    return once(work);
                } catch (io.grpc.StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.ABORTED || attempt == 5) {
                        throw e;
                    }
                }
            }
        }

        private <T> T once(Work<T> work) throws SQLException {
            Connection connection = pool.acquire();
            try {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } finally {
                connection.setAutoCommit(true);
                pool.release(connection);
            }
        }

        /** A web-form lead: its keys claimed (PostgreSQL), looked up, then lead, audit, profile, queue. */
        Lead create(Lead in) throws SQLException {
            UUID id = ids.next();
            OffsetDateTime now = now();
            String display = in.getGivenName() + " " + in.getFamilyName();
            String emailKey = in.getEmail().toLowerCase(Locale.ROOT);
            String nameKey =
                    display.toLowerCase(Locale.ROOT) + "|" + in.getCompany().toLowerCase(Locale.ROOT);
            String source = in.getSource().name().substring("LEAD_SOURCE_".length());
            boolean webForm = source.equals("WEB_FORM");
            return inTransaction(c -> {
                if (postgres) {
                    try (PreparedStatement claim = c.prepareStatement("insert into person_key_claim (key_hash) "
                            + "select k from unnest(cast(? as bigint[])) as claims(k) order by k "
                            + "on conflict (key_hash) do update set key_hash = excluded.key_hash where false")) {
                        claim.setArray(1, c.createArrayOf("bigint", new Long[] {
                            (long) emailKey.hashCode(), (long) nameKey.hashCode() << 32
                        }));
                        claim.executeUpdate();
                    }
                }
                for (String table : new String[] {"lead", "contact"}) {
                    try (PreparedStatement lookup = c.prepareStatement("select id from " + table
                            + " where email_key = ? union all select id from " + table + " where name_key = ?")) {
                        lookup.setString(1, emailKey);
                        lookup.setString(2, nameKey);
                        try (ResultSet found = lookup.executeQuery()) {
                            if (found.next()) {
                                throw Status.ALREADY_EXISTS
                                        .withDescription(table + " " + found.getObject(1))
                                        .asRuntimeException();
                            }
                        }
                    }
                }
                try (PreparedStatement lead = c.prepareStatement(
                        "insert into lead (" + LEAD_COLUMNS
                                + ", email_key, name_key) values (?, ?, ?, ?, ?, ?, ?, ?, 'NEW', 'HOT', null, ?, ?, 1, ?, ?)")) {
                    lead.setObject(1, id);
                    lead.setString(2, display);
                    lead.setString(3, in.getGivenName());
                    lead.setString(4, in.getFamilyName());
                    lead.setString(5, in.getCompany());
                    lead.setString(6, in.getEmail());
                    lead.setString(7, source);
                    lead.setString(8, in.getOwner());
                    lead.setObject(9, now);
                    lead.setObject(10, now);
                    lead.setString(11, emailKey);
                    lead.setString(12, nameKey);
                    lead.executeUpdate();
                }
                audit(c, id, now, "create", "[[\"given_name\",null,\"" + in.getGivenName() + "\"]]");
                try (PreparedStatement profile = c.prepareStatement("insert into lead_profile (lead_id, referral, "
                        + "budget, authority, need, timescale, lead_level, response_deadline, model_temperature, "
                        + "sizzling, probability, reasons, rated_at, rating_valid_until, version, "
                        + "qualification_version) values (?, 'NONE', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 0, ?,"
                        + " 'HOT', TRUE, 0.2, 'a new lead', ?, ?, 1, 1)")) {
                    profile.setObject(1, id);
                    // only a web-form lead must be answered within five minutes
                    profile.setObject(2, webForm ? now.plusMinutes(5) : null);
                    profile.setObject(3, now);
                    profile.setObject(4, now.plusMinutes(5));
                    profile.executeUpdate();
                }
                try (PreparedStatement queue = c.prepareStatement("insert into queue_entry (person_id, person_kind, "
                        + "owner, display_name, lane_priority, queue_rank, visible_from, deadline, action, channel, "
                        + "reasons) values (?, 'LEAD', ?, ?, 10, ?, ?, ?, 'COLD_CALL', 'PHONE', 'a new lead')")) {
                    queue.setObject(1, id);
                    queue.setString(2, in.getOwner());
                    queue.setString(3, display);
                    queue.setLong(4, now.toInstant().toEpochMilli());
                    queue.setObject(5, now);
                    queue.setObject(6, webForm ? now.plusMinutes(5) : null);
                    queue.executeUpdate();
                }
                return in.toBuilder()
                        .setName("leads/" + id)
                        .setDisplayName(display)
                        .setStatus(LeadStatus.LEAD_STATUS_NEW)
                        .setTemperature(Temperature.TEMPERATURE_HOT)
                        .setCreateTime(timestamp(now))
                        .setUpdateTime(timestamp(now))
                        .setEtag("\"1\"")
                        .build();
            });
        }

        /** The lead with its cadence, in one statement, as GetLead reads it. */
        Lead get(UUID id) throws SQLException {
            Connection c = pool.acquire();
            try (PreparedStatement read = c.prepareStatement("select lead.display_name, lead.given_name, "
                    + "lead.family_name, lead.company, lead.email, lead.owner, lead.status, lead.updated_at, "
                    + "lead.version, cadence.state, cadence.completed_follow_ups from lead left join cadence on "
                    + "cadence.person_kind = 'LEAD' and cadence.person_id = lead.id where lead.id = ?")) {
                read.setObject(1, id);
                try (ResultSet row = read.executeQuery()) {
                    if (!row.next()) {
                        throw Status.NOT_FOUND.withDescription("leads/" + id).asRuntimeException();
                    }
                    return Lead.newBuilder()
                            .setName("leads/" + id)
                            .setDisplayName(row.getString(1))
                            .setGivenName(row.getString(2))
                            .setFamilyName(row.getString(3))
                            .setCompany(row.getString(4))
                            .setEmail(row.getString(5))
                            .setOwner(row.getString(6))
                            .setStatus(LeadStatus.valueOf("LEAD_STATUS_" + row.getString(7)))
                            .setUpdateTime(timestamp(row.getObject(8, OffsetDateTime.class)))
                            .setEtag("\"" + row.getLong(9) + "\"")
                            .setCompletedFollowUps(row.getInt(11))
                            .build();
                }
            } finally {
                pool.release(c);
            }
        }

        /**
         * A notes change: the lead read and written under its version, the audit entry, the profile
         * read and re-rated under its version, the cadence read for the queue, the queue entry.
         */
        Lead updateNotes(UUID id, String notes) throws SQLException {
            OffsetDateTime now = now();
            return inTransaction(c -> {
                long version = readLead(c, id).version();
                try (PreparedStatement update = c.prepareStatement("update lead set notes = ?, updated_at = ?, "
                        + "version = version + 1 where id = ? and version = ?")) {
                    update.setString(1, notes);
                    update.setObject(2, now);
                    update.setObject(3, id);
                    update.setLong(4, version);
                    if (update.executeUpdate() != 1) {
                        throw Status.ABORTED.withDescription("leads/" + id).asRuntimeException();
                    }
                }
                audit(c, id, now, "update", "[[\"notes\",null,\"" + notes + "\"]]");
                rerate(c, id, now, false);
                return Lead.newBuilder()
                        .setName("leads/" + id)
                        .setNotes(notes)
                        .setUpdateTime(timestamp(now))
                        .setEtag("\"" + (version + 1) + "\"")
                        .build();
            });
        }

        /**
         * An unanswered cold call: the lead and its cadence read, the touch, the profile's touch times
         * re-rated, the missed deadline read, the queue entry, and a new lead moved to contacted.
         */
        void coldCall(UUID id, String performedBy) throws SQLException {
            OffsetDateTime now = now();
            inTransaction(c -> {
                String status = readLead(c, id).status();
                cadence(c, id);
                try (PreparedStatement touch = c.prepareStatement("insert into touch (id, lead_id, kind, channel, "
                        + "occurred_at, duration_seconds, outcome, performed_by, source, created_at, owner) values "
                        + "(?, ?, 'COLD_CALL', 'PHONE', ?, 0, 'NO_ANSWER', ?, null, ?, ?)")) {
                    touch.setObject(1, ids.next());
                    touch.setObject(2, id);
                    touch.setObject(3, now);
                    touch.setString(4, performedBy);
                    touch.setObject(5, now);
                    touch.setString(6, performedBy);
                    touch.executeUpdate();
                }
                rerate(c, id, now, true);
                try (PreparedStatement missed =
                        c.prepareStatement("select deadline, responded_at from missed_deadline where lead_id = ?")) {
                    missed.setObject(1, id);
                    try (ResultSet row = missed.executeQuery()) {
                        row.next();
                    }
                }
                if (status.equals("NEW")) {
                    try (PreparedStatement contacted = c.prepareStatement("update lead set status = 'CONTACTED', "
                            + "updated_at = ?, version = version + 1 where id = ? and status = 'NEW'")) {
                        contacted.setObject(1, now);
                        contacted.setObject(2, id);
                        contacted.executeUpdate();
                    }
                }
                return null;
            });
        }

        /** What a write needs of the lead it reads in full, as Hearth does. */
        private record StoredLead(String status, long version) {}

        private StoredLead readLead(Connection c, UUID id) throws SQLException {
            try (PreparedStatement read = c.prepareStatement("select " + LEAD_COLUMNS + " from lead where id = ?")) {
                read.setObject(1, id);
                try (ResultSet row = read.executeQuery()) {
                    if (!row.next()) {
                        throw Status.NOT_FOUND.withDescription("leads/" + id).asRuntimeException();
                    }
                    return new StoredLead(row.getString("status"), row.getLong("version"));
                }
            }
        }

        private void cadence(Connection c, UUID id) throws SQLException {
            try (PreparedStatement read = c.prepareStatement("select state, completed_follow_ups, next_step "
                    + "from cadence where person_kind = 'LEAD' and person_id = ?")) {
                read.setObject(1, id);
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                }
            }
        }

        /** The profile read and written under its version, the cadence read, the queue entry rewritten. */
        private void rerate(Connection c, UUID id, OffsetDateTime now, boolean touched) throws SQLException {
            long version;
            try (PreparedStatement read = c.prepareStatement("select lead_level, first_touch_at, last_touch_at, "
                    + "model_temperature, probability, reasons, version from lead_profile where lead_id = ?")) {
                read.setObject(1, id);
                try (ResultSet row = read.executeQuery()) {
                    if (!row.next()) {
                        throw Status.FAILED_PRECONDITION
                                .withDescription("no profile")
                                .asRuntimeException();
                    }
                    version = row.getLong("version");
                }
            }
            try (PreparedStatement write = c.prepareStatement("update lead_profile set first_touch_at = "
                    + "coalesce(first_touch_at, ?), last_touch_at = coalesce(?, last_touch_at), rated_at = ?, "
                    + "rating_valid_until = ?, probability = 0.2, version = version + 1 where lead_id = ? and "
                    + "version = ?")) {
                write.setObject(1, touched ? now : null);
                write.setObject(2, touched ? now : null);
                write.setObject(3, now);
                write.setObject(4, now.plusDays(1));
                write.setObject(5, id);
                write.setLong(6, version);
                if (write.executeUpdate() != 1) {
                    throw Status.ABORTED.withDescription("lead_profile " + id).asRuntimeException();
                }
            }
            if (!touched) {
                cadence(c, id); // a touch read it already
            }
            try (PreparedStatement queue = c.prepareStatement("update queue_entry set lane_priority = 30, "
                    + "queue_rank = ?, visible_from = ?, deadline = null, reasons = ? where person_id = ?")) {
                queue.setLong(1, now.toInstant().toEpochMilli());
                queue.setObject(2, now);
                queue.setString(3, touched ? "touched" : "re-rated");
                queue.setObject(4, id);
                queue.executeUpdate();
            }
        }

        private void audit(Connection c, UUID resource, OffsetDateTime now, String action, String changes)
                throws SQLException {
            try (PreparedStatement audit = c.prepareStatement("insert into audit_entry (id, occurred_at, user_name, "
                    + "token_id, method, resource, action, changed_fields) values (?, ?, 'admin', null, ?, ?, ?, ?)")) {
                audit.setObject(1, ids.next());
                audit.setObject(2, now);
                audit.setString(3, "hearth.v1.LeadService/" + action);
                audit.setString(4, "leads/" + resource);
                audit.setString(5, action);
                audit.setString(6, changes);
                audit.executeUpdate();
            }
        }

        private static OffsetDateTime now() {
            return Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        }

        private static Timestamp timestamp(OffsetDateTime at) {
            Instant instant = at.toInstant();
            return Timestamp.newBuilder()
                    .setSeconds(instant.getEpochSecond())
                    .setNanos(instant.getNano())
                    .build();
        }
    }

    private static UUID leadId(String name) {
        if (!name.startsWith("leads/")) {
            throw Status.INVALID_ARGUMENT.withDescription("name: " + name).asRuntimeException();
        }
        return UUID.fromString(name.substring("leads/".length()));
    }

    private interface Answer<T> {
        T get() throws SQLException;
    }

    private static <T> void answer(StreamObserver<T> response, Answer<T> answer) {
        try {
            response.onNext(answer.get());
            response.onCompleted();
        } catch (SQLException e) {
            response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
        } catch (RuntimeException e) {
            response.onError(Status.fromThrowable(e).asRuntimeException());
        }
    }

    private static final class Leads extends LeadServiceGrpc.LeadServiceImplBase {
        private final Rows rows;

        Leads(Rows rows) {
            this.rows = rows;
        }

        @Override
        public void getLead(GetLeadRequest request, StreamObserver<Lead> response) {
            answer(response, () -> rows.get(leadId(request.getName())));
        }

        @Override
        public void createLead(CreateLeadRequest request, StreamObserver<Lead> response) {
            answer(response, () -> rows.create(request.getLead()));
        }

        @Override
        public void updateLead(UpdateLeadRequest request, StreamObserver<Lead> response) {
            answer(
                    response,
                    () -> rows.updateNotes(
                            leadId(request.getLead().getName()),
                            request.getLead().getNotes()));
        }
    }

    private static final class FollowUps extends FollowUpServiceGrpc.FollowUpServiceImplBase {
        private final Rows rows;

        FollowUps(Rows rows) {
            this.rows = rows;
        }

        @Override
        public void logTouch(LogTouchRequest request, StreamObserver<LogTouchResponse> response) {
            answer(response, () -> {
                rows.coldCall(
                        leadId(request.getTouch().getPerson()),
                        request.getTouch().getPerformedBy());
                return LogTouchResponse.getDefaultInstance();
            });
        }
    }
}
