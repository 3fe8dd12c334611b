package io.hearth.bench.reliability;

import io.hearth.proto.v1.ContactServiceGrpc;
import io.hearth.proto.v1.LeadServiceGrpc;
import io.hearth.proto.v1.ListContactsRequest;
import io.hearth.proto.v1.ListContactsResponse;
import io.hearth.proto.v1.ListLeadsRequest;
import io.hearth.proto.v1.ListLeadsResponse;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Who is in Hearth with an email at one domain (each scenario uses its own), counted through the
 * public API: every lead, archived ones too, and every contact, all pages. One email held by two
 * records is one duplicate.
 */
record Census(long found, long distinct) {
    private static final int PAGE_SIZE = 1000;

    long duplicates() {
        return found - distinct;
    }

    static Census at(ServerProcess server, String domain) {
        String suffix = "@" + domain.toLowerCase(Locale.ROOT);
        long[] found = {0};
        Set<String> emails = new HashSet<>();
        Consumer<String> tally = email -> {
            String lower = email.toLowerCase(Locale.ROOT);
            if (lower.endsWith(suffix)) {
                found[0]++;
                emails.add(lower);
            }
        };
        eachLeadEmail(server, tally);
        eachContactEmail(server, tally);
        return new Census(found[0], emails.size());
    }

    private static void eachLeadEmail(ServerProcess server, Consumer<String> email) {
        LeadServiceGrpc.LeadServiceBlockingStub leads = LeadServiceGrpc.newBlockingStub(server.channel());
        String token = "";
        do {
            ListLeadsResponse page = leads.withDeadlineAfter(60, TimeUnit.SECONDS)
                    .listLeads(ListLeadsRequest.newBuilder()
                            .setPageSize(PAGE_SIZE)
                            .setShowArchived(true)
                            .setPageToken(token)
                            .build());
            page.getLeadsList().forEach(lead -> email.accept(lead.getEmail()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
    }

    private static void eachContactEmail(ServerProcess server, Consumer<String> email) {
        ContactServiceGrpc.ContactServiceBlockingStub contacts = ContactServiceGrpc.newBlockingStub(server.channel());
        String token = "";
        do {
            ListContactsResponse page = contacts.withDeadlineAfter(60, TimeUnit.SECONDS)
                    .listContacts(ListContactsRequest.newBuilder()
                            .setPageSize(PAGE_SIZE)
                            .setShowArchived(true)
                            .setPageToken(token)
                            .build());
            page.getContactsList().forEach(contact -> email.accept(contact.getEmail()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
    }
}
