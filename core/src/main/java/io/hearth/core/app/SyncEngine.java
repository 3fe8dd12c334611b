package io.hearth.core.app;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.Batch;
import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RejectedRecord;
import io.hearth.connector.spi.RetriableConnectorException;
import io.hearth.core.auth.CurrentCaller;
import io.hearth.core.auth.Principal;
import io.hearth.core.auth.Role;
import io.hearth.core.auth.TeamRoster;
import io.hearth.core.contact.ContactRules;
import io.hearth.core.dedup.MatchIndex;
import io.hearth.core.dedup.PersonMatchStore;
import io.hearth.core.diagnostics.FailureSummary;
import io.hearth.core.error.ErrorReason;
import io.hearth.core.error.FailedPreconditionException;
import io.hearth.core.error.FieldViolation;
import io.hearth.core.error.InvalidArgumentException;
import io.hearth.core.error.NotFoundException;
import io.hearth.core.error.StaleEtagException;
import io.hearth.core.lead.LeadRules;
import io.hearth.core.opportunity.StageMapping;
import io.hearth.core.person.Scope;
import io.hearth.core.query.Page;
import io.hearth.core.query.PageSize;
import io.hearth.core.query.PageToken;
import io.hearth.core.resource.TimeOrderedIds;
import io.hearth.core.sync.BatchPlanner;
import io.hearth.core.sync.Connection;
import io.hearth.core.sync.ConnectorRegistry;
import io.hearth.core.sync.DealSettings;
import io.hearth.core.sync.FieldMapping;
import io.hearth.core.sync.Owners;
import io.hearth.core.sync.ReadAhead;
import io.hearth.core.sync.Rejection;
import io.hearth.core.sync.RetryPolicy;
import io.hearth.core.sync.RunPlan;
import io.hearth.core.sync.SourceFiles;
import io.hearth.core.sync.SyncCounts;
import io.hearth.core.sync.SyncListener;
import io.hearth.core.sync.SyncRequest;
import io.hearth.core.sync.SyncRun;
import io.hearth.core.sync.SyncRunStore;
import io.hearth.core.sync.SyncSettings;
import io.hearth.core.sync.SyncState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs syncs: reads a connector batch by batch and stores each batch, its rejected records, the
 * run's counts and the reader's cursor in one transaction. A run that dies mid-way leaves the
 * cursor of its last stored batch, and the next run of the same source starts there, so every
 * record is stored exactly once. Retriable connector errors reopen the reader at that cursor after
 * a back-off; fatal ones end the run as FAILED with the connector's message.
 */
public final class SyncEngine {
    public static final int BATCH_SIZE = 1000;
    /** Fewer rows than this written since the last statistics leave them to the database's own upkeep. */
    static final int MIN_ROWS_TO_ANALYZE = 500;

    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);
    private static final String RUNS_FINGERPRINT = PageToken.fingerprint("syncRuns");
    private static final String CONNECTORS_FINGERPRINT = PageToken.fingerprint("connectors");
    private static final int MAX_BATCH_CONFLICTS = 3;

    private final ConnectorRegistry connectors;
    private final SyncRunStore runs;
    private final BatchPlanner planner;
    private final Leads leads;
    private final Contacts contacts;
    private final SourceRemovals removals;
    private final DealImport deals;
    private final CurrentCaller caller;
    private final TeamRoster roster;
    private final AuditLog audit;
    private final Transactor transactor;
    private final Clock clock;
    private final TimeOrderedIds ids;
    private final RetryPolicy retry;
    private final PersonMatchStore matches;
    private final SyncSettings settings;
    private final Map<UUID, ActiveRun> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "hearth-sync-lease");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param leads and {@code contacts} store what a batch changes, in the transaction of the batch,
     *     as they store what a rep enters by hand
     * @param removals archives (or merges) the people whose records a source deleted or merged away
     * @param caller who each call acts for: imports, sync runs and their records need a manager
     */
    public SyncEngine(
            ConnectorRegistry connectors,
            SyncRunStore runs,
            PersonMatchStore matches,
            Leads leads,
            Contacts contacts,
            SourceRemovals removals,
            DealImport deals,
            LeadRules rules,
            ContactRules contactRules,
            Transactor transactor,
            Clock clock,
            RetryPolicy retry,
            SyncSettings settings,
            CurrentCaller caller,
            TeamRoster roster,
            AuditLog audit) {
        this.audit = requireNonNull(audit, "audit is null");
        this.caller = requireNonNull(caller, "caller is null");
        this.roster = requireNonNull(roster, "roster is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.transactor = requireNonNull(transactor, "transactor is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.retry = requireNonNull(retry, "retry is null");
        this.ids = new TimeOrderedIds(clock);
        this.matches = requireNonNull(matches, "matches is null");
        this.leads = requireNonNull(leads, "leads is null");
        this.contacts = requireNonNull(contacts, "contacts is null");
        this.removals = requireNonNull(removals, "removals is null");
        this.deals = requireNonNull(deals, "deals is null");
        this.planner = new BatchPlanner(rules, contactRules, ids);
    }

    /**
     * Refuses a caller who may not run imports or syncs nor read their runs (a rep's token), before
     * the request is looked at, so a rep learns nothing from how a request is refused.
     */
    public void checkMayRun() {
        caller.require(Role.MANAGER, "running an import or a sync, or reading sync runs,");
    }

    /** A page of the installed connectors in name order; the token carries the last name shown. */
    public Page<Connector> listConnectors(int requestedPageSize, String pageToken) {
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        String afterName = pageToken == null || pageToken.isEmpty()
                ? null
                : PageToken.decode(pageToken, CONNECTORS_FINGERPRINT, "page_token")
                        .id();
        List<Connector> page = connectors.page(pageSize + 1, afterName);
        if (page.size() <= pageSize) {
            return new Page<>(page, Optional.empty());
        }
        List<Connector> shown = page.subList(0, pageSize);
        return new Page<>(
                shown,
                Optional.of(new PageToken(
                                CONNECTORS_FINGERPRINT,
                                "",
                                shown.get(pageSize - 1).name())
                        .encode()));
    }

    /**
     * The name of the connector claiming the extension of {@code fileName}; an invalid
     * {@code field} listing the extensions the connectors claim when none claims it.
     */
    public String connectorForFile(String fileName, String field) {
        return connectors.forFileName(fileName, field).name();
    }

    /** Problems with a config, each under {@code config.<key>}; empty when it can run. */
    public List<ConfigProblem> validate(String connectorName, Map<String, String> config) {
        // a manager's, as the imports it prepares: its answers tell which files the import folder holds
        checkMayRun();
        Connector connector = connectors.get(connectorName);
        // Hearth's own keys (records, stage.*) are checked here and not given to the connector
        List<ConfigProblem> problems = new ArrayList<>();
        DealSettings.violations(config, connector, deals.pipeline(), "config")
                .forEach(
                        v -> problems.add(new ConfigProblem(v.field().substring("config.".length()), v.description())));
        problems.addAll(connector.validate(DealSettings.connectorConfig(config)));
        return problems;
    }

    /**
     * Runs a sync to its end and returns its record; a connector failure ends as a FAILED run, not
     * an exception. Bad requests (unknown connector, invalid config or mapping, a file outside the
     * import folder) throw before a run starts, and so does a source another run is syncing now.
     */
    public SyncRun run(SyncRequest request, SyncListener listener) {
        return run(request, listener, RunPlan.READ);
    }

    /**
     * Runs a sync as {@link #run(SyncRequest, SyncListener)} does, reading or not as the plan says
     * and then doing its write step, all under the one claim of the source and the run's lease.
     */
    public SyncRun run(SyncRequest request, SyncListener listener, RunPlan plan) {
        caller.require(Role.MANAGER, "running an import or a sync");
        // read here, on the caller's thread: whom the run's rows may belong to
        Owners owners = owners();
        Connector connector = connectors.get(request.connector());
        // Hearth's own keys (records, stage.*) are not the connector's
        List<FieldViolation> dealProblems =
                DealSettings.violations(request.config(), connector, deals.pipeline(), "config");
        if (!dealProblems.isEmpty()) {
            throw new InvalidArgumentException(dealProblems);
        }
        DealSettings dealSettings = DealSettings.of(request.config());
        request = new SyncRequest(
                request.connector(),
                DealSettings.connectorConfig(request.config()),
                request.mapping(),
                request.sourceKey(),
                request.dryRun(),
                request.uploaded());
        if (plan.read() && dealSettings.people() && !connector.capabilities().contains(Capability.READ)) {
            throw new FailedPreconditionException(
                    ErrorReason.CONNECTOR_CANNOT_READ,
                    "connector " + connector.name() + " cannot read; it only writes");
        }
        List<ConfigProblem> problems = connector.validate(request.config());
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(problems.stream()
                    .map(p -> new FieldViolation("config." + p.key(), p.message()))
                    .toList());
        }
        FieldMapping mapping = FieldMapping.of(request.mapping()).without(plan.unreadFields());
        SourceFiles files = SourceFiles.of(connector, request, settings.importFolder());
        Map<String, String> redacted = ConfigKey.redact(connector.configKeys(), files.shown());
        String label = redacted.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        if (dealSettings.deals()) {
            // a file's deals are another source than its people: their own cursor and claim
            label += dealSettings.people() ? ", records=people,deals" : ", records=deals";
        }
        String sourceKey = request.sourceKey() != null ? request.sourceKey() : digest(connector.name() + "\n" + label);
        SyncRequest resolved = new SyncRequest(
                request.connector(),
                files.config(),
                request.mapping(),
                sourceKey,
                request.dryRun(),
                request.uploaded());
        SyncRun started = start(connector, sourceKey, label, request.dryRun());
        ActiveRun run = new ActiveRun(started.id(), owners);
        active.put(started.id(), run);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleWithFixedDelay(
                () -> renew(run),
                settings.lease().toMillis() / 3,
                settings.lease().toMillis() / 3,
                TimeUnit.MILLISECONDS);
        log.info(
                "sync {} started: connector {} ({}){}",
                started.name(),
                connector.name(),
                label,
                started.startCursor() == null ? "" : ", resuming after " + started.startCursor());
        try {
            SyncRun finished = plan.read() && dealSettings.people()
                    ? readAll(connector, resolved, mapping, started, listener, run)
                    : started;
            if (plan.read() && dealSettings.deals()) {
                StageMapping stages = new StageMapping(deals.pipeline(), dealSettings.stages());
                finished = readDeals(connector, resolved, stages, plan, finished, listener, run);
            }
            if (plan.write() != null) {
                finished = plan.write().write(finished, progress(listener, run));
            }
            return finish(finished, SyncState.SUCCEEDED, null);
        } catch (FatalConnectorException | RetriesExhausted e) {
            return finish(latest(started), SyncState.FAILED, files.hide(e.getMessage()));
        } catch (Stopped e) {
            return finish(latest(started), e.state, e.getMessage());
        } catch (RunLost e) {
            log.warn("sync {} lost its lease (another server marked it interrupted); it stopped", started.name());
            return latest(started);
        } catch (OutOfMemoryError e) {
            // the batch that needed the memory is gone with its transaction, and so is the memory
            SyncRun latest = latest(started);
            log.error(
                    "sync {} ran out of memory after {} records",
                    started.name(),
                    latest.counts().read());
            return finish(
                    latest,
                    SyncState.FAILED,
                    "the server ran out of memory after " + latest.counts().read()
                            + " records; the stored batches are kept. Give the server more memory (-Xmx) or split the file, "
                            + "then run the same import again to resume");
        } catch (RuntimeException e) {
            log.error("sync {} failed unexpectedly: {}", started.name(), FailureSummary.of(e));
            log.debug("sync {} failure detail", started.name(), e);
            finish(latest(started), SyncState.FAILED, "internal error; the server log has the details");
            throw e;
        } finally {
            heartbeat.cancel(false);
            active.remove(started.id());
        }
    }

    /**
     * Marks runs that lost their server INTERRUPTED and gives their sources back: those whose lease
     * ran out, or, on a database this server holds alone (embedded), every run still RUNNING.
     * Servers call it at start and now and then, so no run stays RUNNING for ever.
     */
    public int interruptAbandoned(boolean everyRunning) {
        int marked = transactor.inTransaction(() -> runs.interruptAbandoned(
                now(),
                everyRunning,
                "the server running it stopped (or lost its database) during the run; the stored batches are "
                        + "kept: run the same import again to resume after them"));
        if (marked > 0) {
            log.info("marked {} abandoned sync run(s) interrupted", marked);
        }
        return marked;
    }

    /**
     * Asks every run on this server to stop after its current batch, as INTERRUPTED, and waits up
     * to {@code wait} for them to end, so a stopping server leaves no run behind it RUNNING.
     */
    public void stopRunning(Duration wait) {
        active.values().forEach(run -> run.stop = true);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!active.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Takes the source for a new run, or refuses while another run (on any server) holds it. */
    private SyncRun start(Connector connector, String sourceKey, String label, boolean dryRun) {
        return transactor.inTransactionExclusive(List.of(connector.name() + "\n" + sourceKey), () -> {
            Instant now = now();
            Optional<UUID> holder = runs.sourceHolder(connector.name(), sourceKey);
            if (holder.isPresent()) {
                Optional<SyncRun> other = runs.findRun(holder.get());
                if (other.isPresent() && other.get().state() == SyncState.RUNNING) {
                    runs.interruptAbandoned(now, false, "its lease ran out: its server stopped during the run");
                    if (runs.findRun(holder.get())
                            .map(r -> r.state() == SyncState.RUNNING)
                            .orElse(false)) {
                        throw alreadyRunning(other.get());
                    }
                }
            }
            String cursor = runs.findCursor(connector.name(), sourceKey).orElse(null);
            SyncRun run = new SyncRun(
                    ids.next(),
                    connector.name(),
                    sourceKey,
                    clip(label),
                    SyncState.RUNNING,
                    dryRun,
                    now,
                    null,
                    SyncCounts.ZERO,
                    cursor,
                    cursor,
                    null);
            runs.insertRun(run, now.plus(settings.lease()), caller.principal().map(Principal::user));
            audit.record(
                    run.name(),
                    "start",
                    null,
                    new RunStarted(
                            connector.name(),
                            sourceKey.startsWith(Connection.COLLECTION) ? sourceKey : null,
                            run.sourceLabel(),
                            dryRun));
            // Looked at again: marking an abandoned holder interrupted gave its source back. A holder
            // other than the one judged above took the source since (another server, between the two
            // looks) and runs now; taking it from that one would run the source twice at once.
            Optional<UUID> current = runs.sourceHolder(connector.name(), sourceKey);
            if ((current.isPresent() && !current.equals(holder))
                    || !runs.takeSource(connector.name(), sourceKey, run.id(), current.orElse(null))) {
                throw new FailedPreconditionException(
                        ErrorReason.SYNC_ALREADY_RUNNING,
                        "another run of this source started just now; see 'hearth sync runs'");
            }
            return run;
        });
    }

    private static FailedPreconditionException alreadyRunning(SyncRun other) {
        return new FailedPreconditionException(
                ErrorReason.SYNC_ALREADY_RUNNING,
                other.name() + " is syncing this source "
                        + "since " + other.startedAt() + " (" + other.counts().read()
                        + " records so far); wait for it to "
                        + "end (hearth sync runs) or cancel it, then run this again: it goes on from where that run stops");
    }

    private void renew(ActiveRun run) {
        try {
            if (!transactor.inTransaction(() -> runs.renewLease(run.id, now().plus(settings.lease())))) {
                run.lost = true;
            }
        } catch (RuntimeException e) {
            // the next batch renews it too, or fails on the same cause
            log.warn("sync {}: cannot renew its lease: {}", run.id, FailureSummary.of(e));
        }
    }

    public SyncRun getRun(UUID id) {
        caller.require(Role.MANAGER, "reading sync runs");
        return runs.findRun(id, caller.scope()).orElseThrow(() -> new NotFoundException("syncRuns/" + id));
    }

    public Page<SyncRun> listRuns(int requestedPageSize, String pageToken) {
        return listRuns(requestedPageSize, pageToken, "");
    }

    /**
     * @param connection {@code connections/{id}} for that connection's runs only (it may have been
     *     deleted since); empty for every run
     */
    public Page<SyncRun> listRuns(int requestedPageSize, String pageToken, String connection) {
        caller.require(Role.MANAGER, "reading sync runs");
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        String sourceKey = connection == null || connection.isEmpty()
                ? null
                : Connection.nameOf(Connection.idFromName(connection, "connection"));
        String fingerprint = sourceKey == null ? RUNS_FINGERPRINT : PageToken.fingerprint("syncRuns of " + sourceKey);
        Optional<PageToken> after = pageToken == null || pageToken.isEmpty()
                ? Optional.empty()
                : Optional.of(PageToken.decode(pageToken, fingerprint, "page_token"));
        return sourceKey == null
                ? runs.listRuns(pageSize, after, fingerprint, caller.scope())
                : runs.listRunsOf(sourceKey, pageSize, after, fingerprint, caller.scope());
    }

    /** A page of the records a run rejected, in the order they were met. */
    public Page<Rejection> rejections(UUID runId, int requestedPageSize, String pageToken) {
        caller.require(Role.MANAGER, "reading sync runs");
        int pageSize = PageSize.resolve(requestedPageSize, "page_size");
        String fingerprint = PageToken.fingerprint("syncRuns/" + runId + "/rejections");
        long offset = pageToken == null || pageToken.isEmpty()
                ? 0
                : Long.parseLong(
                        PageToken.decode(pageToken, fingerprint, "page_token").sortValue());
        SyncRun run = getRun(runId);
        List<Rejection> items = runs.rejections(runId, offset, pageSize);
        long next = offset + items.size();
        return new Page<>(
                items,
                next < run.counts().rejected() && items.size() == pageSize
                        ? Optional.of(new PageToken(fingerprint, Long.toString(next), runId.toString()).encode())
                        : Optional.empty());
    }

    private SyncRun readAll(
            Connector connector,
            SyncRequest request,
            FieldMapping mapping,
            SyncRun started,
            SyncListener listener,
            ActiveRun active) {
        SyncRun run = started;
        int failures = 0;
        long statisticsAt = BATCH_SIZE;
        long analyzedAt = 0;
        while (true) {
            try (RecordReader reader = connector.openReader(request.config(), run.endCursor());
                    ReadAhead ahead = new ReadAhead(
                            reader, BATCH_SIZE, batch -> planner.prepare(batch.records(), mapping, connector.name()))) {
                while (true) {
                    ReadAhead.Read read = ahead.next();
                    Batch batch = read.batch();
                    run = store(connector, request, run, read, active.owners);
                    failures = 0;
                    listener.onProgress(run);
                    stopIfAsked(run, batch.last(), listener, active);
                    long written = run.counts().created() + run.counts().updated();
                    // statistics as the tables double, and once more at the end of a bulk import, so
                    // the reads that follow are planned for the tables' real sizes
                    boolean bulkDone = batch.last() && written - analyzedAt >= MIN_ROWS_TO_ANALYZE;
                    if ((written >= statisticsAt || bulkDone) && !request.dryRun()) {
                        transactor.run(matches::tablesGrew);
                        statisticsAt = 2 * written;
                        analyzedAt = written;
                    }
                    if (batch.last()) {
                        return run;
                    }
                }
            } catch (RetriableConnectorException e) {
                failures++;
                if (failures >= retry.maxAttempts()) {
                    throw new RetriesExhausted(
                            connector.name() + " kept failing after " + failures + " attempts: " + e.getMessage());
                }
                log.warn(
                        "sync {}: {} failed ({}); retry {} of {} from the last stored batch",
                        run.name(),
                        connector.name(),
                        e.getMessage(),
                        failures,
                        retry.maxAttempts() - 1);
                retry.pauseBefore(failures);
            }
        }
    }

    /**
     * Reads the source's deals after its people, batch by batch, each stored with its counts,
     * rejections and the deal cursor in one transaction, as people are; the deal cursor is kept
     * apart from the people's ({@link #dealCursorKey}), so each resumes where it stopped.
     */
    private SyncRun readDeals(
            Connector connector,
            SyncRequest request,
            StageMapping stages,
            RunPlan plan,
            SyncRun started,
            SyncListener listener,
            ActiveRun active) {
        SyncRun run = started;
        String cursorKey = dealCursorKey(run.sourceKey());
        String user = caller.principal().map(Principal::user).orElse(null);
        int failures = 0;
        while (true) {
            String cursor = transactor
                    .inTransaction(() -> runs.findCursor(connector.name(), cursorKey))
                    .orElse(null);
            try (RecordReader reader = connector.openDealReader(request.config(), cursor)) {
                while (true) {
                    Batch batch = reader.read(BATCH_SIZE);
                    run = storeDeals(connector, request, run, batch, cursorKey, stages, plan, user, active.owners);
                    failures = 0;
                    listener.onProgress(run);
                    stopIfAsked(run, batch.last(), listener, active);
                    if (batch.last()) {
                        return run;
                    }
                }
            } catch (RetriableConnectorException e) {
                failures++;
                if (failures >= retry.maxAttempts()) {
                    throw new RetriesExhausted(connector.name() + " kept failing after " + failures
                            + " attempts reading deals: " + e.getMessage());
                }
                log.warn(
                        "sync {}: {} failed reading deals ({}); retry {} of {} from the last stored batch",
                        run.name(),
                        connector.name(),
                        e.getMessage(),
                        failures,
                        retry.maxAttempts() - 1);
                retry.pauseBefore(failures);
            }
        }
    }

    /** Stores one batch of deals with the run's counts and the deal cursor, all in one transaction. */
    private SyncRun storeDeals(
            Connector connector,
            SyncRequest request,
            SyncRun run,
            Batch batch,
            String cursorKey,
            StageMapping stages,
            RunPlan plan,
            String user,
            Owners owners) {
        boolean forgetCursor = batch.last() && !connector.capabilities().contains(Capability.INCREMENTAL);
        for (int conflict = 1; ; conflict++) {
            try {
                if (request.dryRun()) {
                    SyncRun stored;
                    try {
                        transactor.inTransaction(() -> {
                            throw new RollBack(applyDeals(connector, run, batch, stages, plan, user, owners, now()));
                        });
                        throw new IllegalStateException("a dry run committed");
                    } catch (RollBack rolledBack) {
                        stored = rolledBack.stored;
                    }
                    SyncRun counted = stored;
                    transactor.run(() -> runs.updateRun(counted));
                    return counted;
                }
                return transactor.inTransaction(() -> {
                    Instant now = now();
                    if (!runs.renewLease(run.id(), now.plus(settings.lease()))) {
                        throw new RunLost();
                    }
                    SyncRun stored = applyDeals(connector, run, batch, stages, plan, user, owners, now);
                    if (forgetCursor) {
                        runs.deleteCursor(connector.name(), cursorKey);
                    } else {
                        runs.saveCursor(connector.name(), cursorKey, batch.cursor(), run.id(), now);
                    }
                    runs.updateRun(stored);
                    return stored;
                });
            } catch (StaleEtagException e) {
                if (conflict >= MAX_BATCH_CONFLICTS) {
                    throw e;
                }
                log.info("sync {}: a deal changed meanwhile; applying the batch again", run.name());
            }
        }
    }

    private SyncRun applyDeals(
            Connector connector,
            SyncRun run,
            Batch batch,
            StageMapping stages,
            RunPlan plan,
            String user,
            Owners owners,
            Instant now) {
        DealImport.Stored outcome =
                deals.apply(connector.name(), batch.records(), stages, owners, user, now, plan.unreadFields());
        if (plan.dealsRead() != null && !outcome.seen().isEmpty()) {
            plan.dealsRead().read(run, outcome.seen(), now);
        }
        List<Rejection> rejections =
                new ArrayList<>(batch.rejected().size() + outcome.rejections().size());
        for (RejectedRecord rejected : batch.rejected()) {
            rejections.add(new Rejection(rejected.position(), rejected.reason(), rejected.raw()));
        }
        rejections.addAll(outcome.rejections());
        runs.addRejections(run.id(), run.counts().rejected(), rejections);
        long unreadable = batch.rejected().size();
        return run.progressed(
                outcome.counts().plus(new SyncCounts(unreadable, 0, 0, 0, 0, unreadable)), run.endCursor());
    }

    /** Where a source's deal cursor is kept: beside its people's, under a key of its own. */
    static String dealCursorKey(String sourceKey) {
        return digest("deals\n" + sourceKey);
    }

    private static void stopIfAsked(SyncRun run, boolean last, SyncListener listener, ActiveRun active) {
        if (last) {
            return;
        }
        if (listener.cancelled()) {
            throw new Stopped(
                    SyncState.CANCELLED,
                    "cancelled after " + run.counts().read() + " records; the "
                            + "stored batches are kept: run the same import again to go on after them");
        }
        if (active.lost) {
            throw new RunLost();
        }
        if (active.stop) {
            throw new Stopped(
                    SyncState.INTERRUPTED,
                    "the server stopped after " + run.counts().read()
                            + " records; the stored batches are kept: run the same import again to resume after them");
        }
    }

    /** Stores one batch with the run's counts and cursor, all in one transaction. */
    private SyncRun store(Connector connector, SyncRequest request, SyncRun run, ReadAhead.Read read, Owners owners) {
        Batch batch = read.batch();
        boolean forgetCursor = batch.last() && !connector.capabilities().contains(Capability.INCREMENTAL);
        for (int conflict = 1; ; conflict++) {
            try {
                if (request.dryRun()) {
                    return storeDryRun(connector, run, read, owners);
                }
                // the batch's turns: hand entry and other syncs carrying one of its keys wait for it
                return transactor.inTransactionExclusive(read.prepared().claims(), () -> {
                    Instant now = now();
                    if (!runs.renewLease(run.id(), now.plus(settings.lease()))) {
                        throw new RunLost();
                    }
                    SyncRun stored = apply(connector, run, read, now, owners);
                    if (forgetCursor) {
                        runs.deleteCursor(run.connector(), run.sourceKey());
                    } else {
                        runs.saveCursor(run.connector(), run.sourceKey(), batch.cursor(), run.id(), now);
                    }
                    runs.updateRun(stored);
                    return stored;
                });
            } catch (StaleEtagException e) {
                if (conflict >= MAX_BATCH_CONFLICTS) {
                    throw e;
                }
                log.info("sync {}: a matched lead changed meanwhile; applying the batch again", run.name());
            }
        }
    }

    /** Stores a write step's progress like a batch: with the run's counts and rejections, lease renewed. */
    private RunPlan.Progress progress(SyncListener listener, ActiveRun active) {
        return (run, added, rejections, work) -> {
            SyncRun stored = transactor.inTransaction(() -> {
                if (!runs.renewLease(run.id(), now().plus(settings.lease()))) {
                    throw new RunLost();
                }
                work.run();
                runs.addRejections(run.id(), run.counts().rejected(), rejections);
                SyncRun progressed = run.progressed(added, run.endCursor());
                runs.updateRun(progressed);
                return progressed;
            });
            listener.onProgress(stored);
            stopIfAsked(stored, false, listener, active);
            return stored;
        };
    }

    /** Applies the batch in a transaction that is rolled back, then records only the counts. */
    private SyncRun storeDryRun(Connector connector, SyncRun run, ReadAhead.Read read, Owners owners) {
        SyncRun stored;
        try {
            transactor.inTransactionExclusive(read.prepared().claims(), () -> {
                throw new RollBack(apply(connector, run, read, now(), owners));
            });
            throw new IllegalStateException("a dry run committed");
        } catch (RollBack rolledBack) {
            stored = rolledBack.stored;
        }
        transactor.run(() -> runs.updateRun(stored));
        return stored;
    }

    private SyncRun apply(Connector connector, SyncRun run, ReadAhead.Read read, Instant now, Owners owners) {
        Batch batch = read.batch();
        Stored outcome = store(connector.name(), read.prepared(), run.startedAt(), now, owners);
        List<Rejection> rejections = new ArrayList<>(
                batch.rejected().size() + outcome.plan().rejections().size());
        for (RejectedRecord rejected : batch.rejected()) {
            rejections.add(new Rejection(rejected.position(), rejected.reason(), rejected.raw()));
        }
        rejections.addAll(outcome.plan().rejections());
        runs.addRejections(run.id(), run.counts().rejected(), rejections);
        long unreadable = batch.rejected().size();
        SyncCounts counts = outcome.plan()
                .counts()
                .plus(new SyncCounts(unreadable, 0, 0, 0, 0, unreadable))
                .plus(new SyncCounts(
                        0,
                        0,
                        outcome.removed().converted(),
                        outcome.removed().unchanged(),
                        0,
                        0,
                        outcome.removed().archived(),
                        0,
                        0,
                        0,
                        0,
                        0,
                        0));
        return run.progressed(counts, batch.cursor());
    }

    /** What storing a batch did: its plan, then its removals. */
    private record Stored(BatchPlanner.Plan plan, SourceRemovals.Outcome removed) {}

    /**
     * Stores one batch in the caller's transaction: claims its people's keys, finds who they are,
     * plans what changes and stores it through the lead and contact use cases.
     *
     * @throws StaleEtagException when someone else changed a matched person meanwhile; the batch is safe to re-apply
     */
    private Stored store(
            String connector, BatchPlanner.Prepared prepared, Instant runStartedAt, Instant now, Owners owners) {
        // a writer carrying one of these keys now waits for this batch, and then finds its people
        matches.claim(prepared.claims());
        MatchIndex index = matches.lookingUp(() -> MatchIndex.load(
                connector,
                prepared.candidates().stream().map(BatchPlanner.Candidate::keys).toList(),
                matches));
        BatchPlanner.Plan plan = planner.plan(prepared, index, runStartedAt, now, owners);
        leads.storeSynced(plan.created(), plan.changedLeads());
        contacts.storeSynced(plan.changedContacts());
        matches.link(connector, plan.newLinks());
        // after the upserts: a CRM sends a merge's survivor before the records merged into it
        SourceRemovals.Outcome removed = prepared.removals().isEmpty()
                ? SourceRemovals.Outcome.NONE
                : removals.apply(connector, prepared.removals());
        return new Stored(plan, removed);
    }

    private SyncRun finish(SyncRun run, SyncState state, String error) {
        SyncRun finished = run.finished(state, now(), error == null ? null : clip(error));
        boolean stored = transactor.inTransaction(() -> {
            runs.releaseSource(run.connector(), run.sourceKey(), run.id());
            return runs.finishRun(finished);
        });
        if (!stored) {
            log.warn("sync {} ended {} after another server had marked it interrupted", run.name(), state);
            return latest(run);
        }
        log.info("sync {} {}: {}{}", run.name(), state, finished.counts(), error == null ? "" : " (" + error + ")");
        return finished;
    }

    private SyncRun latest(SyncRun started) {
        return runs.findRun(started.id()).orElse(started);
    }

    // databases keep microseconds; truncating keeps what we return equal to what we stored
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String clip(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    private static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Carries a dry run's result out of the transaction it rolls back. */
    private static final class RollBack extends RuntimeException {
        private final SyncRun stored;

        RollBack(SyncRun stored) {
            super(null, null, false, false);
            this.stored = stored;
        }
    }

    /** A run on this server, as its heartbeat and a stopping server see it. */
    /** What the audit log keeps of a run started: who started it is the entry's user. */
    public record RunStarted(String connector, String connection, String source, boolean dryRun) {}

    private static final class ActiveRun {
        private final UUID id;
        private final Owners owners;
        private volatile boolean stop;
        private volatile boolean lost;

        ActiveRun(UUID id, Owners owners) {
            this.id = id;
            this.owners = owners;
        }
    }

    /**
     * Whose people the caller's run may write: a manager's those of their team (the members its
     * tokens name, read once when the run starts: a team only gains members), anyone else's all.
     */
    private Owners owners() {
        Scope scope = caller.scope();
        if (scope instanceof Scope.Team team) {
            Set<String> members = new HashSet<>(roster.teamMembers(team.team()));
            members.add(team.user());
            return Owners.team(team.team(), members);
        }
        if (scope instanceof Scope.Own own) {
            return Owners.team(null, Set.of(own.user()));
        }
        return Owners.ANYONE;
    }

    /** Ends a run early, in {@code state}, with the message as its error. */
    private static final class Stopped extends RuntimeException {
        private final SyncState state;

        Stopped(SyncState state, String message) {
            super(message, null, false, false);
            this.state = state;
        }
    }

    /** Another server marked this run interrupted (its lease ran out): it must store nothing more. */
    private static final class RunLost extends RuntimeException {
        RunLost() {
            super(null, null, false, false);
        }
    }

    private static final class RetriesExhausted extends RuntimeException {
        RetriesExhausted(String message) {
            super(message);
        }
    }
}
