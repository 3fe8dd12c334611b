package io.hearth.connector.xlsx;

import io.hearth.connector.spi.DealFields;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.FatalConnectorException;
import io.hearth.connector.spi.OutgoingDeal;
import io.hearth.connector.spi.WriteResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

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
    private static final int FLUSH_EVERY = 1000;

    private final Path file;
    private final OutputStream out;
    private final Workbook workbook;
    private final Worksheet sheet;
    private int nextRow;

    XlsxDealWriter(Path file, String sheetName) {
        this.file = file;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new FatalConnectorException("cannot write " + file + ": " + e.getMessage(), e);
        }
        workbook = new Workbook(out, "Hearth", "1.0");
        sheet = workbook.newWorksheet(sheetName);
        for (int i = 0; i < HEADERS.size(); i++) {
            sheet.value(0, i, HEADERS.get(i));
        }
        nextRow = 1;
    }

    @Override
    public List<WriteResult> write(List<OutgoingDeal> deals) {
        List<WriteResult> results = new ArrayList<>(deals.size());
        for (OutgoingDeal deal : deals) {
            sheet.value(nextRow, 0, deal.hearthId());
            for (int i = 0; i < FIELDS.size(); i++) {
                String value = deal.fields().get(FIELDS.get(i));
                if (value != null) {
                    sheet.value(nextRow, i + 1, value);
                }
            }
            nextRow++;
            if (nextRow % FLUSH_EVERY == 0) {
                try {
                    sheet.flush();
                } catch (IOException e) {
                    throw new FatalConnectorException("cannot write " + file + ": " + e.getMessage(), e);
                }
            }
            results.add(WriteResult.written(deal.hearthId(), null));
        }
        return results;
    }

    @Override
    public void close() {
        try (out) {
            workbook.finish();
        } catch (IOException e) {
            throw new FatalConnectorException("cannot finish " + file + ": " + e.getMessage(), e);
        }
    }
}
