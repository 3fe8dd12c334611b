package io.hearth.core.sync;

import static java.util.Objects.requireNonNull;

import io.hearth.core.contact.ContactObserver;
import io.hearth.core.contact.ContactRules;
import io.hearth.core.contact.ContactStore;
import java.util.List;

/**
 * Where a sync writes the records it matched to contacts (a prospect entered by hand, a lead
 * converted since an earlier sync): cleaned by the contact rules, stored, and told to the contact
 * observers, which keep the work queue current, all in the transaction of the batch.
 */
public record SyncedContacts(ContactStore store, ContactRules rules, List<ContactObserver> observers) {
    public SyncedContacts {
        requireNonNull(store, "store is null");
        requireNonNull(rules, "rules is null");
        observers = List.copyOf(requireNonNull(observers, "observers is null"));
    }
}
