package io.hearth.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * HubSpot's recycle bin: {@code GET /crm/v3/objects/contacts?archived=true}, in pages of at most 100,
 * each contact with its {@code archivedAt}. The listing cannot be filtered by time, so every read lists
 * it whole and keeps the deletions of its window; HubSpot empties the bin after 90 days, which bounds
 * the listing (and means a connection idle for longer misses the deletions in between).
 */
final class DeletedContacts {
    static final String PATH = "/crm/v3/objects/contacts";
    /** The largest page the listing serves. */
    static final int PAGE_SIZE = 100;
    /** The longest paging token kept in the cursor, which Hearth stores in at most 2000 characters. */
    static final int MAX_TOKEN_LENGTH = 500;

    private final CrmHttp http;

    DeletedContacts(CrmHttp http) {
        this.http = http;
    }

    record Deleted(long id, Instant archivedAt) {}

    /** @param next the paging token of the page after this one, empty on the last page */
    record Page(List<Deleted> contacts, Optional<String> next) {}

    /** The page at {@code token} (the first when null), contacts sorted by id. */
    Page page(String token) {
        JsonReply reply = http.get(
                PATH,
                Query.of(
                                "archived",
                                "true",
                                "limit",
                                Integer.toString(PAGE_SIZE),
                                "properties",
                                ContactFields.LAST_MODIFIED)
                        .and("after", token));
        List<Deleted> contacts = new ArrayList<>();
        for (JsonNode result : reply.requireArray("results")) {
            String id = reply.requireText(result, "id");
            if (!id.matches("\\d{1,18}")) {
                throw ContactSearch.broken(reply, "has a contact whose id is not a number");
            }
            // a bin entry without archivedAt cannot be placed in a window: fall back to its last update
            String at = reply.text(result, "archivedAt")
                    .or(() -> reply.text(result, "updatedAt"))
                    .orElseThrow(() ->
                            ContactSearch.broken(reply, "has deleted contact " + id + " without " + "archivedAt"));
            contacts.add(new Deleted(Long.parseLong(id), ContactSearch.instant(reply, at, id)));
        }
        contacts.sort(Comparator.comparingLong(Deleted::id));
        Optional<String> next = reply.text(reply.body(), "/paging/next/after");
        if (next.isPresent() && next.get().length() > MAX_TOKEN_LENGTH) {
            throw ContactSearch.broken(
                    reply,
                    "has a paging token of " + next.get().length() + " characters, more " + "than the "
                            + MAX_TOKEN_LENGTH + " the cursor keeps");
        }
        return new Page(contacts, next);
    }
}
