package io.hearth.connector.csv;

import io.hearth.connector.spi.Capability;
import io.hearth.connector.spi.ConfigKey;
import io.hearth.connector.spi.ConfigProblem;
import io.hearth.connector.spi.ConfigType;
import io.hearth.connector.spi.Connector;
import io.hearth.connector.spi.DealWriter;
import io.hearth.connector.spi.RecordReader;
import io.hearth.connector.spi.RecordWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** People from and to CSV files as spreadsheet programs and CRMs write them. */
public final class CsvConnector implements Connector {
    static final ConfigKey PATH = ConfigKey.required("path", ConfigType.PATH, "the CSV file to read or write");
    static final ConfigKey DELIMITER = ConfigKey.optional(
            "delimiter",
            ConfigType.STRING,
            null,
            "field separator: one character or \\t; guessed from the first lines when absent");
    static final ConfigKey ENCODING = ConfigKey.optional(
            "encoding", ConfigType.STRING, null, "character set, e.g. UTF-8 or windows-1252; guessed when absent");
    static final ConfigKey ID_COLUMN = ConfigKey.optional(
            "id_column",
            ConfigType.STRING,
            null,
            "column holding the source's own record id; a Record ID, Lead ID, Contact ID or ID column otherwise");

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String description() {
        return "CSV files: exports of HubSpot, Salesforce, Google Contacts, Outlook and spreadsheets";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(PATH, DELIMITER, ENCODING, ID_COLUMN);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.READ, Capability.WRITE, Capability.READ_DEALS, Capability.WRITE_DEALS);
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of("csv", "tsv", "txt");
    }

    @Override
    public List<ConfigProblem> validate(Map<String, String> config) {
        List<ConfigProblem> problems = new ArrayList<>(ConfigKey.check(configKeys(), config));
        ENCODING.valueIn(config)
                .filter(e -> !isCharset(e))
                .ifPresent(e -> problems.add(new ConfigProblem(
                        ENCODING.name(), "is not a character set this server " + "knows, e.g. UTF-8 or windows-1252")));
        DELIMITER
                .valueIn(config)
                .flatMap(TextSniffer::delimiterProblem)
                .ifPresent(problem -> problems.add(new ConfigProblem(DELIMITER.name(), problem)));
        return problems;
    }

    /** Whether {@code name} names a supported charset; a malformed name is not one (rather than an exception). */
    private static boolean isCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public RecordReader openReader(Map<String, String> config, String cursor) {
        return new CsvRecordReader(
                Path.of(PATH.valueIn(config).orElseThrow()),
                ENCODING.valueIn(config).orElse(null),
                DELIMITER.valueIn(config).orElse(null),
                ID_COLUMN.valueIn(config).orElse(null),
                cursor == null ? 0 : Long.parseLong(cursor));
    }

    @Override
    public RecordWriter openWriter(Map<String, String> config) {
        return new CsvRecordWriter(
                Path.of(PATH.valueIn(config).orElseThrow()),
                DELIMITER.valueIn(config).map(TextSniffer::delimiter).orElse(','));
    }

    /** A file of deals: read like a file of people, its id column a Deal ID, Opportunity ID, Record ID or ID. */
    @Override
    public RecordReader openDealReader(Map<String, String> config, String cursor) {
        return new CsvRecordReader(
                Path.of(PATH.valueIn(config).orElseThrow()),
                ENCODING.valueIn(config).orElse(null),
                DELIMITER.valueIn(config).orElse(null),
                ID_COLUMN.valueIn(config).orElse(null),
                CsvRecordReader.DEAL_ID_HEADERS,
                cursor == null ? 0 : Long.parseLong(cursor));
    }

    @Override
    public DealWriter openDealWriter(Map<String, String> config) {
        return new CsvDealWriter(
                Path.of(PATH.valueIn(config).orElseThrow()),
                DELIMITER.valueIn(config).map(TextSniffer::delimiter).orElse(','));
    }
}
