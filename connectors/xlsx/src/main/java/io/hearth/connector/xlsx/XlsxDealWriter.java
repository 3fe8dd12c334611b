package io.hearth.connector.xlsx;

import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.WriteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes deals to one sheet ("Deals" unless named), streaming rows to disk, every value as text,
 * with headers the deal import maps back by itself ("Deal ID" is the deal's Hearth name).
 */
final class XlsxDealWriter implements DealWriter {
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

    private final XlsxSheet sheet;

    XlsxDealWriter(Path file, String sheetName) {
        sheet = new XlsxSheet(file, sheetName, HEADERS);
    }

    @Override
    public List<WriteResult> write(List<OutgoingDeal> deals) {
        List<WriteResult> results = new ArrayList<>(deals.size());
        for (OutgoingDeal deal : deals) {
            List<String> row = new ArrayList<>(FIELDS.size() + 1);
            row.add(deal.hearthId());
            FIELDS.forEach(field -> row.add(deal.fields().get(field)));
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
