package io.hearth.connector.csv;

import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.WriteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes deals as UTF-8 CSV with a byte order mark, one deal a row, with headers the deal import
 * maps back by itself: the "Deal ID" is the deal's Hearth name, so importing the file again finds
 * each deal and changes nothing.
 */
final class CsvDealWriter implements DealWriter {
    static final List<String> HEADERS = List.of(
            "Deal ID",
            "Deal Name",
            "Contact",
            "Contact Email",
            "Stage",
            "Amount",
            "Currency",
            "Close Date",
            "Owner",
            "Outcome",
            "Reason",
            "Lead Source");
    private static final List<String> FIELDS = List.of(
            DealFields.TITLE,
            DealFields.CONTACT,
            DealFields.CONTACT_EMAIL,
            DealFields.STAGE,
            DealFields.AMOUNT,
            DealFields.CURRENCY,
            DealFields.CLOSE_DATE,
            DealFields.OWNER,
            DealFields.OUTCOME,
            DealFields.REASON,
            DealFields.LEAD_SOURCE);

    private final CsvSheet sheet;

    CsvDealWriter(Path file, char delimiter) {
        sheet = new CsvSheet(file, delimiter, HEADERS);
    }

    @Override
    public List<WriteResult> write(List<OutgoingDeal> deals) {
        List<WriteResult> results = new ArrayList<>(deals.size());
        for (OutgoingDeal deal : deals) {
            List<String> row = new ArrayList<>(HEADERS.size());
            row.add(deal.hearthId());
            FIELDS.forEach(field -> row.add(deal.fields().getOrDefault(field, "")));
            sheet.row(row);
            results.add(WriteResult.written(deal.hearthId(), null));
        }
        return results;
    }

    @Override
    public void close() {
        sheet.close();
    }
}
