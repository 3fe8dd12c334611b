package io.hearth.core.query;

import java.util.List;
import java.util.Optional;

/** One page of a list and the token of the next page, empty on the last page. */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {
    public Page {
        items = List.copyOf(items);
    }
}
