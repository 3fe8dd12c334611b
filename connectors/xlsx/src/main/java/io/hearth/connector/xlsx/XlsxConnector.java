package io.hearth.connector.xlsx;

import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.ConfigType;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RecordWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** People from and to Excel workbooks (.xlsx), streamed so a million-row sheet fits in little memory. */
public final class XlsxConnector implements Connector {
    static final ConfigKey PATH = ConfigKey.required("path", ConfigType.PATH, "the .xlsx workbook to read or write");
    static final ConfigKey SHEET = ConfigKey.optional(
            "sheet", ConfigType.STRING, null, "the sheet to read or write, by name; the first sheet when absent");
    static final ConfigKey ID_COLUMN = ConfigKey.optional(
            "id_column",
            ConfigType.STRING,
            null,
            "column holding the source's own record id; a Record ID, Lead ID, Contact ID or ID column otherwise");

    @Override
    public String name() {
        return "xlsx";
    }

    @Override
    public String description() {
        return "Excel workbooks (.xlsx) saved by Excel, LibreOffice, Numbers or Google Sheets";
    }

    @Override
    public List<ConfigKey> configKeys() {
        List<ConfigKey> keys = new ArrayList<>(List.of(PATH, SHEET, ID_COLUMN));
        keys.addAll(XlsxLimits.KEYS);
        return List.copyOf(keys);
    }

    @Override
    public List<ConfigProblem> validate(Map<String, String> config) {
        List<ConfigProblem> problems = new ArrayList<>(ConfigKey.check(configKeys(), config));
        problems.addAll(XlsxLimits.problems(config));
        return problems;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.READ, Capability.WRITE, Capability.READ_DEALS, Capability.WRITE_DEALS);
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of("xlsx");
    }

    @Override
    public RecordReader openReader(Map<String, String> config, String cursor) {
        return new XlsxRecordReader(
                Path.of(PATH.valueIn(config).orElseThrow()),
                SHEET.valueIn(config).orElse(null),
                ID_COLUMN.valueIn(config).orElse(null),
                XlsxLimits.from(config),
                cursor == null ? 0 : Long.parseLong(cursor));
    }

    @Override
    public RecordWriter openWriter(Map<String, String> config) {
        return new XlsxRecordWriter(
                Path.of(PATH.valueIn(config).orElseThrow()),
                SHEET.valueIn(config).orElse("Leads"));
    }

    /** A sheet of deals: read like a sheet of people, its id column a Deal ID, Opportunity ID, Record ID or ID. */
    @Override
    public RecordReader openDealReader(Map<String, String> config, String cursor) {
        return new XlsxRecordReader(
                Path.of(PATH.valueIn(config).orElseThrow()),
                SHEET.valueIn(config).orElse(null),
                ID_COLUMN.valueIn(config).orElse(null),
                XlsxRecordReader.DEAL_ID_HEADERS,
                XlsxLimits.from(config),
                cursor == null ? 0 : Long.parseLong(cursor));
    }

    @Override
    public DealWriter openDealWriter(Map<String, String> config) {
        return new XlsxDealWriter(
                Path.of(PATH.valueIn(config).orElseThrow()),
                SHEET.valueIn(config).orElse("Deals"));
    }
}
