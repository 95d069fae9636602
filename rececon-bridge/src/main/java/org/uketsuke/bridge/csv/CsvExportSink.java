package org.uketsuke.bridge.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.bridge.sink.BatchDelivery;
import org.uketsuke.bridge.sink.ConfirmedEntry;
import org.uketsuke.bridge.sink.DeliveryId;
import org.uketsuke.bridge.sink.OutboxEntry;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.bridge.sink.RececonSink;
import org.uketsuke.bridge.sink.SinkFailure;
import org.uketsuke.eligibility.PublicExpense;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * Daily CSV files for レセコン that import CSV instead of reading the face folder or a database. Each delivery
 * rewrites the day's file through {@link AtomicFiles} with the new row appended, so an importing program never sees
 * half a row and a crash leaves either the old file or the new one. A redelivery finds its key in the first column
 * and writes nothing: every confirmation is in the file exactly once. Columns: docs/rececon-integration.md.
 */
public final class CsvExportSink implements RececonSink {

    /** Up to four 公費 per visit, as on a receipt (第一公費 … 第四公費). */
    static final int PUBLIC_EXPENSE_COLUMNS = 4;

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter CONFIRMED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    record Column(String header, Function<Row, String> value) {}

    record Row(OutboxEntry entry, ResultMessage message, Qualification q) {}

    private static final List<Column> COLUMNS = columns();

    private final CsvExport export;

    public CsvExportSink(CsvExport export) throws IOException {
        this.export = export;
        PrivateFiles.createFolders(export.folder());
    }

    @Override
    public String name() {
        return "csv";
    }

    /** The header row (Japanese column names, as レセコン import dialogs show them). */
    public static List<String> headers() {
        return COLUMNS.stream().map(Column::header).toList();
    }

    /**
     * Every row's key in the day files of an export folder, duplicates kept (what an exactly-once check compares, key by
     * key); none when there is no folder.
     */
    public static List<String> keysIn(Path folder) throws IOException {
        List<String> keys = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return keys;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .toList()) {
                Csv.parse(Files.readString(file)).stream()
                        .skip(1)
                        .forEach(r -> keys.add(r.fields().getFirst()));
            }
        }
        return keys;
    }

    /** The day's file an entry belongs in. */
    public Path fileFor(OutboxEntry entry) {
        LocalDate day = entry.confirmedAt().atZone(export.zone()).toLocalDate();
        return export.folder().resolve("uketsuke-qualifications-" + DAY.format(day) + ".csv");
    }

    @Override
    public synchronized void deliver(OutboxEntry entry) throws SinkFailure {
        BatchDelivery result = deliverAll(List.of(entry));
        if (result.failed().get(entry.id()) instanceof SinkFailure failure) {
            throw failure;
        }
    }

    /** Per day's file: read once, the rows of the entries it lacks appended, written once. */
    @Override
    public synchronized BatchDelivery deliverAll(List<OutboxEntry> entries) {
        Set<DeliveryId> delivered = new LinkedHashSet<>();
        Map<DeliveryId, Exception> failed = new LinkedHashMap<>();
        Map<Path, List<Row>> byFile = new LinkedHashMap<>();
        for (OutboxEntry entry : entries) {
            try {
                ConfirmedEntry read = ConfirmedEntry.of(entry);
                byFile.computeIfAbsent(fileFor(entry), f -> new ArrayList<>())
                        .add(new Row(entry, read.message(), read.confirmed().qualification()));
            } catch (SinkFailure e) {
                failed.put(entry.id(), e);
            }
        }
        byFile.forEach((file, rows) -> {
            try {
                append(file, rows);
                rows.forEach(row -> delivered.add(row.entry().id()));
            } catch (IOException e) {
                SinkFailure failure =
                        new SinkFailure("cannot write " + file.getFileName() + " in " + export.folder() + ": " + e, e);
                rows.forEach(row -> failed.put(row.entry().id(), failure));
            }
        });
        return new BatchDelivery(delivered, failed);
    }

    /** The rows whose keys the file lacks, appended in one atomic rewrite (nothing written when it has them all). */
    private void append(Path file, List<Row> rows) throws IOException {
        String existing = Files.exists(file) ? decode(Files.readAllBytes(file)) : "";
        if (existing.isEmpty()) {
            existing = Csv.line(headers());
        }
        Set<String> present = keys(existing);
        // A day's file begun by an earlier build keeps its layout: rows get as many columns as its header.
        int width = Math.min(COLUMNS.size(), headerWidth(existing));
        StringBuilder text = new StringBuilder(existing);
        boolean added = false;
        for (Row row : rows) {
            if (present.add(row.entry().idempotencyKey())) {
                text.append(Csv.line(COLUMNS.subList(0, width).stream()
                        .map(c -> clean(c.value().apply(row)))
                        .toList()));
                added = true;
            }
        }
        if (added) {
            AtomicFiles.write(file, encode(text.toString()));
        }
    }

    private static int headerWidth(String text) {
        return Csv.parse(text.lines().findFirst().orElse(""))
                .getFirst()
                .fields()
                .size();
    }

    /** The keys of the rows a day's file holds (their first column). */
    private static Set<String> keys(String text) {
        Set<String> keys = new HashSet<>();
        Csv.parse(text).stream().skip(1).forEach(row -> keys.add(row.fields().getFirst()));
        return keys;
    }

    /** Rows are single lines: a CR or LF inside a value (never expected) becomes a space. */
    private static String clean(String value) {
        return value == null ? "" : value.replace('\r', ' ').replace('\n', ' ');
    }

    private String decode(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = export.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Characters the charset lacks (e.g. 𠮷 in Windows-31J) become 〓, the customary substitute in Japanese records. */
    private byte[] encode(String text) throws CharacterCodingException {
        CharsetEncoder encoder = export.charset().newEncoder().onUnmappableCharacter(CodingErrorAction.REPLACE);
        if (encoder.canEncode('〓')) {
            encoder.replaceWith(bytes(export.charset().newEncoder().encode(CharBuffer.wrap("〓"))));
        }
        return bytes(encoder.encode(CharBuffer.wrap(text)));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static List<Column> columns() {
        List<Column> columns = new ArrayList<>(List.of(
                new Column("受付キー", r -> r.entry().idempotencyKey()),
                new Column(
                        "確認日時", r -> CONFIRMED_AT.format(r.entry().confirmedAt().atZone(CsvExport.JAPAN))),
                new Column("確認方法", r -> r.entry().method().name()),
                new Column(
                        "照会区分",
                        r -> Optional.ofNullable(r.message().referenceClassification())
                                .orElse("1")),
                new Column(
                        "照会番号", r -> r.q().referenceNumber().map(n -> n.value()).orElse("")),
                new Column("保険者番号", r -> r.q().card().insurer().value()),
                new Column("保険者名", r -> r.q().insurerName()),
                new Column("記号", r -> r.q().card().symbol()),
                new Column("番号", r -> r.q().card().number()),
                new Column("枝番", r -> r.q().card().branch()),
                new Column("本人家族", r -> r.q().personalFamily().code()),
                new Column("氏名", r -> r.q().name()),
                new Column("氏名カナ", r -> r.q().nameKana()),
                new Column("生年月日", r -> DAY.format(r.q().birthdate())),
                new Column("性別", r -> r.q().sex().code()),
                new Column("負担割合", r -> r.q().contributionRatio().wire()),
                new Column(
                        "資格取得年月日", r -> r.q().qualificationDate() == null ? "" : DAY.format(r.q().qualificationDate())),
                new Column(
                        "高齢受給者負担割合",
                        r -> r.q().details()
                                .elderly()
                                .map(e -> e.ratio().wire())
                                .orElse("")),
                new Column(
                        "限度額適用区分",
                        r -> r.q().details()
                                .limit()
                                .map(l ->
                                        l.category() == null ? "" : l.category().name())
                                .orElse("")),
                new Column(
                        "特定疾病",
                        r -> r.q().details().specificDiseases().stream()
                                .map(d -> d.disease().code())
                                .collect(Collectors.joining(" ")))));
        for (int i = 0; i < PUBLIC_EXPENSE_COLUMNS; i++) {
            int index = i;
            String ordinal = "第" + "一二三四".charAt(i) + "公費";
            columns.add(new Column(
                    ordinal + "負担者番号",
                    r -> expense(r, index).map(e -> e.payer().value()).orElse("")));
            columns.add(new Column(
                    ordinal + "受給者番号",
                    r -> expense(r, index)
                            .map(e -> e.recipient() == null ? "" : e.recipient().value())
                            .orElse("")));
        }
        columns.addAll(ParticularsColumns.columns());
        columns.addAll(SubsidyColumns.columns());
        return List.copyOf(columns);
    }

    private static Optional<PublicExpense> expense(Row row, int index) {
        List<PublicExpense> expenses = row.q().details().publicExpenses();
        return index < expenses.size() ? Optional.of(expenses.get(index)) : Optional.empty();
    }
}
