package io.hearth.cli;

import com.google.protobuf.FieldMask;
import com.google.type.Date;
import com.google.type.Money;
import io.hearth.proto.v1.ArchiveOpportunityRequest;
import io.hearth.proto.v1.CloseOpportunityRequest;
import io.hearth.proto.v1.CreateOpportunityRequest;
import io.hearth.proto.v1.DealStep;
import io.hearth.proto.v1.GetOpportunityRequest;
import io.hearth.proto.v1.ListOpportunitiesRequest;
import io.hearth.proto.v1.ListOpportunitiesResponse;
import io.hearth.proto.v1.MoveOpportunityStageRequest;
import io.hearth.proto.v1.Opportunity;
import io.hearth.proto.v1.OpportunityOutcome;
import io.hearth.proto.v1.RestoreOpportunityRequest;
import io.hearth.proto.v1.UpdateOpportunityRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hearth opportunities}: the OpportunityService commands. */
@Command(
        name = "opportunities",
        description = "Open, find, list, update, move, close and archive deals with contacts (the sales pipeline).")
final class OpportunitiesCommand implements Callable<Integer> {
    private static final String STAGES =
            "qualification, needs-analysis, proposal or negotiation (close a deal with 'close')";

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** Prints one opportunity the way the global --output asks. */
    abstract static class OpportunityCommand extends RpcCommand {
        final void show(Opportunity opportunity) {
            if (json()) {
                ProtoJson.print(opportunity, out());
            } else {
                OpportunityPrinter.print(opportunity, out());
            }
        }

        final Money money(String amount, String currency, String option) {
            return DealText.money(this, amount, currency, option);
        }

        final Date date(String text, String option) {
            return DealText.date(this, text, option);
        }

        final DealStep nextStep(String description, String due) {
            DealStep.Builder step = DealStep.newBuilder().setDescription(description);
            if (due != null) {
                step.setDueTime(Times.timestamp(WhenText.parse(due, clock())));
            }
            return step.build();
        }
    }

    /** {@code hearth opportunities create}. */
    @Command(name = "create", description = "Open a deal with a contact, in the first stage unless --stage says.")
    static final class Create extends OpportunityCommand {
        @Option(
                names = "--contact",
                required = true,
                paramLabel = "CONTACT",
                converter = ContactName.Converter.class,
                description = "Contact id or name (contacts/{id}).")
        String contact;

        @Option(names = "--title", required = true, paramLabel = "TEXT", description = "What the deal is.")
        String title;

        @Option(names = "--amount", required = true, paramLabel = "AMOUNT", description = "e.g. 25000 or 25000.50.")
        String amount;

        @Option(names = "--currency", required = true, paramLabel = "CODE", description = "ISO 4217, e.g. EUR.")
        String currency;

        @Option(
                names = "--close-date",
                required = true,
                paramLabel = "DATE",
                description = "Expected close, e.g. 2027-03-31.")
        String closeDate;

        @Option(names = "--stage", paramLabel = "STAGE", description = "The stage to start in: " + STAGES + ".")
        String stage = "";

        @Option(names = "--owner", paramLabel = "USER", description = "Default: the contact's owner.")
        String owner = "";

        @Option(names = "--next-step", paramLabel = "TEXT", description = "What is to happen next.")
        String nextStep;

        @Option(names = "--next-step-due", paramLabel = "WHEN", description = "By when: " + WhenText.EXAMPLES + ".")
        String nextStepDue;

        @Option(
                names = "--request-id",
                paramLabel = "KEY",
                description = "Idempotency key: retrying with the same key returns the deal first created. "
                        + "Without one a random key is sent, so the CLI's own retries are safe.")
        String requestId = "";

        @Override
        void execute() {
            if (nextStepDue != null && nextStep == null) {
                throw usageError("--next-step-due needs --next-step");
            }
            Opportunity.Builder opportunity = Opportunity.newBuilder()
                    .setContact(contact)
                    .setTitle(title)
                    .setAmount(money(amount, currency, "--amount"))
                    .setExpectedCloseDate(date(closeDate, "--close-date"))
                    .setStage(stage)
                    .setOwner(owner);
            if (nextStep != null) {
                opportunity.setNextStep(nextStep(nextStep, nextStepDue));
            }
            String key = requestIdOrNew(requestId);
            CreateOpportunityRequest request = CreateOpportunityRequest.newBuilder()
                    .setOpportunity(opportunity)
                    .setRequestId(key)
                    .build();
            show(createRetrying(key, () -> opportunityService().createOpportunity(request)));
        }
    }

    /** {@code hearth opportunities get ID}. */
    @Command(name = "get", description = "Print one deal with its stage history.")
    static final class Get extends OpportunityCommand {
        @Parameters(
                paramLabel = "ID",
                converter = OpportunityName.Converter.class,
                description = "Opportunity id or name (opportunities/{id}).")
        String name;

        @Override
        void execute() {
            show(opportunityService()
                    .getOpportunity(
                            GetOpportunityRequest.newBuilder().setName(name).build()));
        }
    }

    /** {@code hearth opportunities list}. */
    @Command(name = "list", description = "List deals one page at a time, oldest first unless --order-by says.")
    static final class ListDeals extends OpportunityCommand {
        @Option(names = "--owner", paramLabel = "USER")
        String owner;

        @Option(names = "--stage", paramLabel = "STAGE", description = "Only deals in this stage.")
        String stage;

        @Option(
                names = "--contact",
                paramLabel = "CONTACT",
                converter = ContactName.Converter.class,
                description = "Only the deals with this contact.")
        String contact;

        @ArgGroup(exclusive = true)
        State state;

        static final class State {
            @Option(names = "--open", description = "Only open deals.")
            boolean open;

            @Option(names = "--won", description = "Only won deals.")
            boolean won;

            @Option(names = "--lost", description = "Only lost deals.")
            boolean lost;

            @Option(names = "--closed", description = "Only closed deals, won or lost.")
            boolean closed;
        }

        @Option(names = "--close-from", paramLabel = "DATE", description = "Expected to close on or after this day.")
        String closeFrom;

        @Option(names = "--close-to", paramLabel = "DATE", description = "Expected to close on or before this day.")
        String closeTo;

        @Option(
                names = "--order-by",
                paramLabel = "ORDER",
                description = "create_time (default), expected_close_date or amount, optionally with ' desc'.")
        String orderBy = "";

        @Option(names = "--page-size", paramLabel = "N")
        int pageSize;

        @Option(names = "--page-token", paramLabel = "TOKEN")
        String pageToken = "";

        @Option(names = "--archived", description = "Include archived deals.")
        boolean archived;

        @Override
        void execute() {
            List<String> terms = new ArrayList<>();
            if (owner != null) {
                terms.add("owner = " + quoted(owner));
            }
            if (stage != null) {
                terms.add("stage = " + quoted(stage));
            }
            if (contact != null) {
                terms.add("contact = " + quoted(contact));
            }
            if (state != null) {
                terms.add(
                        state.open
                                ? "outcome = open"
                                : state.won ? "outcome = won" : state.lost ? "outcome = lost" : "closed = true");
            }
            ListOpportunitiesRequest.Builder request = ListOpportunitiesRequest.newBuilder()
                    .setFilter(String.join(" AND ", terms))
                    .setOrderBy(orderBy)
                    .setPageSize(pageSize)
                    .setPageToken(pageToken)
                    .setShowArchived(archived);
            if (closeFrom != null) {
                request.setExpectedCloseFrom(date(closeFrom, "--close-from"));
            }
            if (closeTo != null) {
                request.setExpectedCloseTo(date(closeTo, "--close-to"));
            }
            ListOpportunitiesResponse page = opportunityService().listOpportunities(request.build());
            if (json()) {
                ProtoJson.print(page, out());
                return;
            }
            TableFormatter table =
                    new TableFormatter("NAME", "TITLE", "STAGE", "AMOUNT", "CLOSE DATE", "OWNER", "OUTCOME");
            page.getOpportunitiesList()
                    .forEach(o -> table.addRow(
                            o.getName(),
                            o.getTitle(),
                            o.getStage(),
                            MoneyText.format(o.getAmount()),
                            MoneyText.format(o.getExpectedCloseDate()),
                            CliText.value(o.getOwner()),
                            CliText.value(o.getOutcome())));
            table.printTo(out());
            if (!page.getNextPageToken().isEmpty()) {
                out().println("more: --page-token " + page.getNextPageToken());
            }
        }

        private static String quoted(String value) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    /** {@code hearth opportunities update ID}. */
    @Command(name = "update", description = "Change a deal's fields; only the options given are changed.")
    static final class Update extends OpportunityCommand {
        @Parameters(
                paramLabel = "ID",
                converter = OpportunityName.Converter.class,
                description = "Opportunity id or name (opportunities/{id}).")
        String name;

        @Option(names = "--title", paramLabel = "TEXT")
        String title;

        @Option(names = "--amount", paramLabel = "AMOUNT", description = "With --currency.")
        String amount;

        @Option(names = "--currency", paramLabel = "CODE", description = "With --amount.")
        String currency;

        @Option(names = "--close-date", paramLabel = "DATE")
        String closeDate;

        @Option(names = "--owner", paramLabel = "USER")
        String owner;

        @Option(names = "--next-step", paramLabel = "TEXT")
        String nextStep;

        @Option(
                names = "--next-step-due",
                paramLabel = "WHEN",
                description = "With --next-step: " + WhenText.EXAMPLES + ".")
        String nextStepDue;

        @Option(names = "--clear-next-step", description = "Remove the next step.")
        boolean clearNextStep;

        @Option(names = "--etag", paramLabel = "ETAG", description = "Only update if the deal is still at this etag.")
        String etag = "";

        @Override
        void execute() {
            Opportunity.Builder changes = Opportunity.newBuilder().setName(name).setEtag(etag);
            List<String> paths = new ArrayList<>();
            if (title != null) {
                changes.setTitle(title);
                paths.add("title");
            }
            if ((amount == null) != (currency == null)) {
                throw usageError("--amount and --currency go together");
            }
            if (amount != null) {
                changes.setAmount(money(amount, currency, "--amount"));
                paths.add("amount");
            }
            if (closeDate != null) {
                changes.setExpectedCloseDate(date(closeDate, "--close-date"));
                paths.add("expected_close_date");
            }
            if (owner != null) {
                changes.setOwner(owner);
                paths.add("owner");
            }
            if (clearNextStep && nextStep != null) {
                throw usageError("--clear-next-step and --next-step exclude each other");
            }
            if (nextStepDue != null && nextStep == null) {
                throw usageError("--next-step-due needs --next-step");
            }
            if (nextStep != null) {
                changes.setNextStep(nextStep(nextStep, nextStepDue));
            }
            if (nextStep != null || clearNextStep) {
                paths.add("next_step");
            }
            if (paths.isEmpty()) {
                throw usageError("Nothing to update: give at least one field option");
            }
            show(opportunityService()
                    .updateOpportunity(UpdateOpportunityRequest.newBuilder()
                            .setOpportunity(changes)
                            .setUpdateMask(FieldMask.newBuilder().addAllPaths(paths))
                            .build()));
        }
    }

    /** {@code hearth opportunities move ID STAGE}. */
    @Command(name = "move", description = "Move an open deal to another stage; its history keeps the one it left.")
    static final class Move extends OpportunityCommand {
        @Parameters(
                index = "0",
                paramLabel = "ID",
                converter = OpportunityName.Converter.class,
                description = "Opportunity id or name (opportunities/{id}).")
        String name;

        @Parameters(index = "1", paramLabel = "STAGE", description = STAGES + ".")
        String stage;

        @Option(names = "--etag", paramLabel = "ETAG", description = "Only move if the deal is still at this etag.")
        String etag = "";

        @Override
        void execute() {
            show(opportunityService()
                    .moveOpportunityStage(MoveOpportunityStageRequest.newBuilder()
                            .setName(name)
                            .setStage(stage)
                            .setEtag(etag)
                            .build()));
        }
    }

    /** {@code hearth opportunities reopen ID STAGE}. */
    @Command(
            name = "reopen",
            description = "Open a won or lost deal again in an open stage; its history keeps the closing stage.")
    static final class Reopen extends OpportunityCommand {
        @Parameters(
                index = "0",
                paramLabel = "ID",
                converter = OpportunityName.Converter.class,
                description = "Opportunity id or name (opportunities/{id}).")
        String name;

        @Parameters(index = "1", paramLabel = "STAGE", description = "The open stage it goes back to: " + STAGES + ".")
        String stage;

        @Option(names = "--etag", paramLabel = "ETAG", description = "Only reopen if the deal is still at this etag.")
        String etag = "";

        @Override
        void execute() {
            show(opportunityService()
                    .reopenOpportunity(io.hearth.proto.v1.ReopenOpportunityRequest.newBuilder()
                            .setName(name)
                            .setStage(stage)
                            .setEtag(etag)
                            .build()));
        }
    }

    /** {@code hearth opportunities close ID --won|--lost}. */
    @Command(name = "close", description = "Close an open deal as won or lost (a lost deal needs --reason).")
    static final class Close extends OpportunityCommand {
        @Parameters(
                paramLabel = "ID",
                converter = OpportunityName.Converter.class,
                description = "Opportunity id or name (opportunities/{id}).")
        String name;

        @ArgGroup(exclusive = true, multiplicity = "1")
        How how;

        static final class How {
            @Option(names = "--won", required = true)
            boolean won;

            @Option(names = "--lost", required = true)
            boolean lost;
        }

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why; required with --lost.")
        String reason = "";

        @Option(names = "--etag", paramLabel = "ETAG", description = "Only close if the deal is still at this etag.")
        String etag = "";

        @Override
        void execute() {
            show(opportunityService()
                    .closeOpportunity(CloseOpportunityRequest.newBuilder()
                            .setName(name)
                            .setOutcome(
                                    how.won
                                            ? OpportunityOutcome.OPPORTUNITY_OUTCOME_WON
                                            : OpportunityOutcome.OPPORTUNITY_OUTCOME_LOST)
                            .setReason(reason)
                            .setEtag(etag)
                            .build()));
        }
    }

    /** {@code hearth opportunities archive ID}. */
    @Command(name = "archive", description = "Hide a deal from default lists; restore brings it back.")
    static final class Archive extends OpportunityCommand {
        @Parameters(
                paramLabel = "ID",
                converter = OpportunityName.Converter.class,
                description = "Opportunity id or name (opportunities/{id}).")
        String name;

        @Option(names = "--etag", paramLabel = "ETAG", description = "Only archive if the deal is still at this etag.")
        String etag = "";

        @Override
        void execute() {
            show(opportunityService()
                    .archiveOpportunity(ArchiveOpportunityRequest.newBuilder()
                            .setName(name)
                            .setEtag(etag)
                            .build()));
        }
    }

    /** {@code hearth opportunities restore ID}. */
    @Command(name = "restore", description = "Bring an archived deal back.")
    static final class Restore extends OpportunityCommand {
        @Parameters(
                paramLabel = "ID",
                converter = OpportunityName.Converter.class,
                description = "Opportunity id or name (opportunities/{id}).")
        String name;

        @Option(names = "--etag", paramLabel = "ETAG", description = "Only restore if the deal is still at this etag.")
        String etag = "";

        @Override
        void execute() {
            show(opportunityService()
                    .restoreOpportunity(RestoreOpportunityRequest.newBuilder()
                            .setName(name)
                            .setEtag(etag)
                            .build()));
        }
    }
}
