package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.ConnectorException;
import io.hearth.connector.spi.DealFields;
import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.Role;
import io.hearth.core.error.AlreadyExistsException;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import io.hearth.core.query.PageToken;
import io.hearth.core.resource.Etags;
import io.hearth.core.resource.TimeOrderedIds;
import io.hearth.core.resource.UpdateMask;
import io.hearth.core.sync.Connection;
import io.hearth.core.sync.ConnectionDirection;
import io.hearth.core.sync.ConnectionField;
import io.hearth.core.sync.ConnectionFields;
import io.hearth.core.sync.ConnectionRules;
import io.hearth.core.sync.ConnectionStore;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.DealSettings;
import io.hearth.core.sync.FieldOwnership;
import io.hearth.core.sync.RunPlan;
import io.hearth.core.sync.SecretResolver;
import io.hearth.core.sync.SyncListener;
import io.hearth.core.sync.SyncRequest;
import io.hearth.core.sync.SyncRun;
import io.hearth.core.sync.SyncRunStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The connection use cases: create, read, list, update and delete a stored sync, check that it
 * reaches its system ({@link #test}) and run it ({@link #run}). Secrets stay references until a
 * check or a run resolves them on the server; a run is the sync engine's, under the connection's
 * own source key, so it resumes from the connection's cursor and never runs twice at once.
 */
public final class Connections {
    private static final String FINGERPRINT = PageToken.fingerprint("connections");

    private final ConnectionStore store;
    private final SyncRunStore runs;
    private final Transactor transactor;
    private final ConnectionRules rules;
    private final ConnectorRegistry connectors;
    private final SecretResolver secrets;
    private final Supplier<SyncEngine> engine;
    private final WriteBack writeBack;
    private final Clock clock;
    private final TimeOrderedIds ids;
    private final CurrentCaller caller;

    /** @param engine the sync engine, asked for only when a connection runs */
    public Connections(
            ConnectionStore store,
            SyncRunStore runs,
            Transactor transactor,
            ConnectionRules rules,
            ConnectorRegistry connectors,
            SecretResolver secrets,
            Supplier<SyncEngine> engine,
            WriteBack writeBack,
            Clock clock,
            CurrentCaller caller,
            AuditLog audit) {
        this.audit = requireNonNull(audit, "audit is null");
        this.caller = requireNonNull(caller, "caller is null");
        this.store = requireNonNull(store, "store is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.writeBack = requireNonNull(writeBack, "writeBack is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = new TimeOrderedIds(clock);
    }

    /**
     * Stores a new connection; another one with its display name is ALREADY_EXISTS naming it.
     *
     * @param input {@code null} when the request carries no connection, which is refused
     */
    private final AuditLog audit;

    public Connection create(ConnectionFields input) {
        caller.require(Role.ADMIN, "managing connections");
        if (input == null) {
            throw InvalidArgumentException.of("connection", "required: the connection to create");
        }
        ConnectionFields fields = checked(input);
        Instant now = now();
        Connection connection =
                new Connection(ids.next(), fields, now, now, 1, Connection.firstRunAfter(fields, now), null, null);
        return transactor.inTransaction(() -> {
            Optional<Connection> named = store.findByDisplayName(fields.displayName());
            if (named.isPresent() || !store.insert(connection)) {
                throw nameTaken(
                        fields.displayName(), named.map(Connection::name).orElse(null));
            }
            // secret_refs are recorded masked (Changes): which secret a connection reads is the admin's to know
            audit.record(connection.name(), "create", null, connection.fields());
            return connection;
        });
    }

    public Connection get(String name, String field) {
        caller.require(Role.ADMIN, "managing connections");
        return get(Connection.idFromName(name, field));
    }

    public Connection get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException(Connection.nameOf(id)));
    }

    /** One page of connections by display name. */
    public Page<Connection> list(int requestedPageSize, String pageToken) {
        caller.require(Role.ADMIN, "managing connections");
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        Optional<PageToken> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty()
                : Optional.of(PageToken.decode(pageToken, FINGERPRINT, "page_token"));
        return store.list(pageSize, after, FINGERPRINT);
    }

    /**
     * Applies the fields of {@code changes} the mask names or, without a mask, those the request
     * set ({@link UpdateMask}); a non-blank {@code etag} must be current. A map named in the mask
     * is replaced whole. An update that changes nothing keeps the etag.
     *
     * @param changes {@code null} when the request carries no connection, which is refused
     * @param fieldsSet the fields the request carries a value for
     */
    public Connection update(
            String name,
            ConnectionFields changes,
            List<String> maskPaths,
            Set<ConnectionField> fieldsSet,
            String etag) {
        caller.require(Role.ADMIN, "managing connections");
        if (changes == null) {
            throw InvalidArgumentException.of("connection", "required: the connection with its name and new values");
        }
        UUID id = Connection.idFromName(name, "connection.name");
        Set<ConnectionField> mask = UpdateMask.resolve(maskPaths, ConnectionField::fromPaths, fieldsSet, "connection");
        return transactor.inTransaction(() -> {
            Connection current = currentVersion(id, etag);
            ConnectionFields next = checked(current.fields().with(changes, mask));
            if (next.equals(current.fields())) {
                return current;
            }
            if (!next.displayName().equals(current.fields().displayName())) {
                Optional<Connection> named = store.findByDisplayName(next.displayName());
                if (named.isPresent()) {
                    throw nameTaken(next.displayName(), named.get().name());
                }
            }
            Connection updated = current.rewritten(next, now());
            if (!store.update(updated, current.version())) {
                throw StaleEtagException.concurrent(current.name());
            }
            audit.record(current.name(), "update", current.fields(), next);
            return updated;
        });
    }

    /**
     * Deletes a connection, with its cursor; its runs stay in the run list. Refused while one of
     * its runs is going: that run would store a cursor for a connection that is gone.
     */
    public void delete(String name, String etag) {
        caller.require(Role.ADMIN, "managing connections");
        UUID id = Connection.idFromName(name, "name");
        transactor.inTransaction(() -> {
            Connection current = currentVersion(id, etag);
            if (runs.sourceHolder(current.fields().connector(), current.sourceKey())
                    .isPresent()) {
                throw new FailedPreconditionException(
                        ErrorReason.CONNECTION_RUNNING,
                        current.name() + " is running; cancel its run or wait for it to end, then delete it");
            }
            runs.deleteCursor(current.fields().connector(), current.sourceKey());
            runs.deleteCursor(current.fields().connector(), SyncEngine.dealCursorKey(current.sourceKey()));
            writeBack.forget(id);
            store.delete(id);
            audit.record(current.name(), "delete", current.fields(), null);
            return null;
        });
    }

    /**
     * Checks that the connection reaches its system with its secrets resolved here: its
     * connector's one cheap authenticated call. Empty when it does; otherwise the problems, each
     * under the field to fix ({@code config.<key>} or {@code secret_refs.<key>}). A secret that
     * cannot be resolved is FAILED_PRECONDITION naming its key.
     */
    public List<ConfigProblem> test(String name) {
        caller.require(Role.ADMIN, "managing connections");
        Connection connection = get(name, "name");
        Connector connector = connectors.get(connection.fields().connector());
        Map<String, String> config = resolvedConfig(connection);
        List<ConfigProblem> problems;
        try {
            problems = connector.checkConnection(config);
        } catch (ConnectorException e) {
            return List.of(new ConfigProblem(
                    "connection",
                    "could not be checked (" + e.getMessage() + "); the settings may be fine: try again"));
        }
        return problems.stream()
                .map(p -> new ConfigProblem(
                        (connection.fields().secretRefs().containsKey(p.key()) ? "secret_refs." : "config.") + p.key(),
                        p.message()))
                .toList();
    }

    /**
     * Runs the connection's sync to its end, streaming progress to {@code listener}. A connection
     * that reads (READ, BOTH) reads from its stored cursor and stores its batches and cursor as a
     * sync does, leaving the fields Hearth owns unread; one that writes (WRITE, BOTH) then writes
     * back ({@link WriteBack}), all in one run. A disabled connection, a secret that cannot be
     * resolved, and a connection with a run going (on any server) are FAILED_PRECONDITION before a
     * run starts.
     */
    public SyncRun run(String name, SyncListener listener) {
        caller.require(Role.ADMIN, "running a connection");
        Connection connection = get(name, "name");
        if (!connection.fields().enabled()) {
            throw new FailedPreconditionException(
                    ErrorReason.CONNECTION_DISABLED, connection.name() + " is disabled; enable it to run it");
        }
        Connector connector = connectors.get(connection.fields().connector());
        ConnectionDirection direction = connection.fields().direction();
        FieldOwnership ownership = FieldOwnership.of(connection.fields().config());
        Map<String, String> config = resolvedConfig(connection);
        SyncRequest request = new SyncRequest(connector.name(), config, Map.of(), connection.sourceKey(), false, false);
        // the deal fields Hearth owns are left unread only where Hearth writes them back
        boolean writesDeals = WriteBack.writesDeals(connection, connector);
        Set<String> unread = new HashSet<>(ownership.people());
        if (writesDeals) {
            unread.addAll(ownership.deals());
            // Hearth's owner is a rep; the CRM gives a deal Hearth creates an owner of its own (Pipedrive the
            // token's user, Salesforce the integration user), which reading it back would put in the rep's place
            unread.add(DealFields.OWNER);
        }
        RunPlan plan = new RunPlan(
                direction.reads(),
                unread,
                direction.writes()
                        ? writeBack.step(connection, connector, DealSettings.connectorConfig(config), ownership)
                        : null,
                writesDeals ? writeBack.dealsRead(connection, connector, ownership) : null);
        return engine.get().run(request, listener, plan);
    }

    /**
     * Takes the scheduled runs due now, up to {@code limit}: each connection's slot moves on to one
     * interval from now (slots missed while no server ran are not made up), and only the server
     * whose update moved it gets the connection. Run each with {@link #run}; a run already going
     * (a slow one on another server) then refuses it, so runs of one connection never overlap.
     */
    public List<Connection> takeDue(int limit) {
        Instant now = now();
        List<Connection> taken = new ArrayList<>();
        for (Connection due : transactor.inTransaction(() -> store.due(now, limit))) {
            Instant next = due.fields().schedule().interval().map(now::plus).orElse(null);
            if (next != null && transactor.inTransaction(() -> store.takeSlot(due.id(), due.nextRunAt(), next))) {
                taken.add(due);
            }
        }
        return taken;
    }

    private Map<String, String> resolvedConfig(Connection connection) {
        Map<String, String> config =
                new HashMap<>(FieldOwnership.connectorConfig(connection.fields().config()));
        config.putAll(secrets.resolve(connection.fields().secretRefs()));
        return config;
    }

    private Connection currentVersion(UUID id, String etag) {
        Connection current = get(id);
        String sent = Etags.sent(etag);
        if (sent != null && !sent.equals(current.etag())) {
            throw StaleEtagException.sent(current.name(), sent, current.etag());
        }
        return current;
    }

    private ConnectionFields checked(ConnectionFields fields) {
        try {
            return rules.check(fields);
        } catch (InvalidArgumentException e) {
            throw e.under("connection");
        }
    }

    private static AlreadyExistsException nameTaken(String displayName, String existing) {
        return new AlreadyExistsException(
                ErrorReason.CONNECTION_EXISTS,
                "a connection named " + displayName + " exists" + (existing == null ? "" : ": " + existing),
                existing);
    }

    // databases keep microseconds; truncating keeps what we return equal to what we stored
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
