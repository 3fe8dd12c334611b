package io.hearth.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.connector.crm.http.CrmHttp;
import io.hearth.connector.crm.http.JsonReply;
import io.hearth.connector.crm.http.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names a person answer only refers to by id: its organization (Hearth's company) and its owner (a
 * Pipedrive user, given to Hearth as an email address), and the other way, a user by email for a deal's owner. Organizations are fetched a page's worth at a
 * time and cached; users once per sync.
 */
final class Directory {
    /** Pipedrive's most ids in one {@code ids} filter. */
    static final int IDS_PER_REQUEST = 100;
    /** The most organization names remembered during one sync. */
    static final int MAX_CACHED_ORGANIZATIONS = 50_000;

    private final CrmHttp http;
    private final Map<String, String> organizationNames = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_CACHED_ORGANIZATIONS;
        }
    };
    private Map<String, String> ownerEmails;

    Directory(CrmHttp http) {
        this.http = http;
    }

    /** Fetches the names of these organizations that are not known yet, {@value #IDS_PER_REQUEST} per request. */
    void prepareOrganizations(Collection<String> ids) {
        Set<String> missing = new LinkedHashSet<>(ids);
        missing.removeAll(organizationNames.keySet());
        List<String> batch = new ArrayList<>(missing);
        for (int from = 0; from < batch.size(); from += IDS_PER_REQUEST) {
            List<String> chunk = batch.subList(from, Math.min(batch.size(), from + IDS_PER_REQUEST));
            JsonReply reply = http.get(
                    "/api/v2/organizations",
                    Query.of("ids", String.join(",", chunk), "limit", Integer.toString(IDS_PER_REQUEST)));
            for (JsonNode organization : Answers.data(reply)) {
                organizationNames.put(
                        reply.requireText(organization, "id"),
                        PipedriveJson.text(organization, "name").orElse(""));
            }
            // an organization deleted or hidden from this user is answered by its absence
            chunk.forEach(id -> organizationNames.putIfAbsent(id, ""));
        }
    }

    Optional<String> organizationName(String id) {
        return Optional.ofNullable(organizationNames.get(id)).filter(name -> !name.isEmpty());
    }

    /** The email address of the user with this id, reading the company's users on first use. */
    Optional<String> ownerEmail(String userId) {
        return Optional.ofNullable(users().get(userId));
    }

    /** The id of the user with this email address, in any letter case, reading the users on first use. */
    Optional<String> userId(String email) {
        return users().entrySet().stream()
                .filter(user -> user.getValue().equalsIgnoreCase(email.strip()))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private Map<String, String> users() {
        if (ownerEmails == null) {
            JsonReply reply = http.get("/api/v1/users");
            Map<String, String> emails = new HashMap<>();
            for (JsonNode user : Answers.data(reply)) {
                PipedriveJson.text(user, "email").ifPresent(email -> emails.put(reply.requireText(user, "id"), email));
            }
            ownerEmails = emails;
        }
        return ownerEmails;
    }
}
