package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.WriteResult;
import java.util.List;
import java.util.function.Supplier;

/** Writes deals as Opportunities ({@link OpportunityWrites}); logs in at the first write. */
final class SalesforceDealWriter implements DealWriter {
    private final Supplier<SalesforceApi> opener;
    private final SalesforceConfig config;
    private SalesforceApi api;

    SalesforceDealWriter(Supplier<SalesforceApi> opener, SalesforceConfig config) {
        this.opener = requireNonNull(opener, "opener is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public List<WriteResult> write(List<OutgoingDeal> deals) {
        if (deals.isEmpty()) {
            return List.of();
        }
        if (api == null) {
            api = opener.get();
        }
        return new OpportunityWrites(api, config.stages(), config.dealIdField(), config.dealCurrency()).write(deals);
    }

    @Override
    public void close() {
        // every write is sent when it returns; nothing is buffered
    }
}
