package org.uketsuke.bridge.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.DeliveryStatus;
import org.uketsuke.bridge.Fixtures;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.store.Entries;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.Sex;

/** The CSV export through the real bridge into real files, read back with our own RFC 4180 reader. */
class CsvExportSinkTest {

    private static final Charset MS932 = Charset.forName("windows-31j");

    @TempDir
    Path dir;

    private RececonBridge bridge(Charset charset) {
        return RececonBridge.open(
                new BridgeConfig(dir.resolve("outbox.db"), null, null, Fixtures.INSTITUTION, StandardCharsets.UTF_8)
                        .withCsvExport(new CsvExport(dir.resolve("csv"), charset)));
    }

    private List<Csv.Record> read(Path file, Charset charset) throws Exception {
        return Csv.parse(new String(Files.readAllBytes(file), charset));
    }

    @Test
    void newColumnsComeAfterTheFirst28AndADayBegunByAnOlderBuildKeepsItsWidth() throws Exception {
        List<String> headers = CsvExportSink.headers();
        assertThat(headers.subList(0, 28)).startsWith("受付キー").endsWith("第四公費負担者番号", "第四公費受給者番号");
        assertThat(headers.subList(28, headers.size())).startsWith("被保険者証区分").contains("処方箋発行形態");
        Path file = dir.resolve("csv/uketsuke-qualifications-20261203.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Csv.line(headers.subList(0, 28)), StandardCharsets.UTF_8);
        try (RececonBridge bridge = bridge(StandardCharsets.UTF_8)) {
            bridge.submit(Fixtures.confirmation("w1", Instant.parse("2026-12-03T01:00:00Z"), Fixtures.rich(1)));
            assertThat(bridge.drain()).isEqualTo(1);
        }
        List<Csv.Record> records = read(file, StandardCharsets.UTF_8);
        assertThat(records).hasSize(2);
        assertThat(records.get(1).fields()).hasSize(28).startsWith("w1");
    }

    @Test
    void eachConfirmationIsOneRowUnderAJapaneseHeaderInTheFileOfItsJapaneseDay() throws Exception {
        try (RececonBridge bridge = bridge(StandardCharsets.UTF_8)) {
            // 23:30 UTC on 2 December is 08:30 on 3 December in Japan.
            bridge.submit(Fixtures.confirmation("r1", Instant.parse("2026-12-02T23:30:00Z"), Fixtures.rich(1)));
            bridge.submit(
                    Fixtures.confirmation("r2", Instant.parse("2026-12-03T01:00:00Z"), Fixtures.qualification(2)));
            assertThat(bridge.drain()).isEqualTo(2);
        }
        Path file = dir.resolve("csv/uketsuke-qualifications-20261203.csv");
        List<Csv.Record> records = read(file, StandardCharsets.UTF_8);
        assertThat(records).hasSize(3);
        assertThat(records.getFirst().fields())
                .isEqualTo(CsvExportSink.headers())
                .startsWith("受付キー", "確認日時", "確認方法", "照会区分", "照会番号", "保険者番号");
        List<String> rich = records.get(1).fields();
        assertThat(rich).hasSameSizeAs(CsvExportSink.headers());
        assertThat(field(rich, "受付キー")).isEqualTo("r1");
        assertThat(field(rich, "確認日時")).isEqualTo("2026-12-03 08:30:00");
        assertThat(field(rich, "確認方法")).isEqualTo("FACE");
        assertThat(field(rich, "保険者番号")).isEqualTo("131045");
        assertThat(field(rich, "照会番号")).isEqualTo("K-0001");
        assertThat(field(rich, "記号")).isEqualTo("ア-12");
        assertThat(field(rich, "番号")).isEqualTo("00451");
        assertThat(field(rich, "生年月日")).isEqualTo("19540303");
        assertThat(field(rich, "負担割合")).isEqualTo("020");
        assertThat(field(rich, "高齢受給者負担割合")).isEqualTo("020");
        assertThat(field(rich, "限度額適用区分")).isEqualTo("B04");
        assertThat(field(rich, "特定疾病")).isEqualTo("1");
        assertThat(field(rich, "第一公費負担者番号")).isEqualTo("54016027");
        assertThat(field(rich, "第二公費受給者番号")).isEqualTo("7654320");
        assertThat(field(rich, "第三公費負担者番号")).isEmpty();
        assertThat(field(records.get(2).fields(), "氏名")).isEqualTo("受付　太郎2");
        assertThat(Files.readString(file)).endsWith("\r\n").doesNotContain("\n\n");
    }

    @Test
    void aRedeliveryFindsItsRowAndWritesNothing() throws Exception {
        var confirmation =
                Fixtures.confirmation("once", Instant.parse("2026-12-03T01:00:00Z"), Fixtures.qualification(1));
        try (RececonBridge bridge = bridge(StandardCharsets.UTF_8)) {
            bridge.submit(confirmation);
            bridge.drain();
        }
        Path file = dir.resolve("csv/uketsuke-qualifications-20261203.csv");
        byte[] before = Files.readAllBytes(file);
        // A crash after the file was written but before the outbox knew it: the sink gets the entry again.
        CsvExportSink sink = new CsvExportSink(new CsvExport(dir.resolve("csv"), StandardCharsets.UTF_8));
        sink.deliver(Entries.of(1, confirmation));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(read(file, StandardCharsets.UTF_8)).hasSize(2);
    }

    @Test
    void windows31jFilesSubstituteWhatTheCharsetCannotHoldWithGeta() throws Exception {
        Qualification base = Fixtures.qualification(1);
        Qualification rare = new Qualification(
                base.card(),
                base.insurerName(),
                "𠮷田　太郎",
                "ﾖｼﾀﾞ ﾀﾛｳ",
                base.birthdate(),
                Sex.MALE,
                PersonalFamily.INSURED,
                new ContributionRatio(30),
                base.qualificationDate());
        try (RececonBridge bridge = bridge(MS932)) {
            bridge.submit(Fixtures.confirmation("sjis", Instant.parse("2026-12-03T01:00:00Z"), rare));
            bridge.submit(
                    Fixtures.confirmation("sjis2", Instant.parse("2026-12-03T01:01:00Z"), Fixtures.qualification(2)));
            assertThat(bridge.drain()).isEqualTo(2);
        }
        Path file = dir.resolve("csv/uketsuke-qualifications-20261203.csv");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(ByteBuffer.wrap(bytes), CharBuffer.allocate(bytes.length * 2), true)
                        .isError())
                .as("the file is not UTF-8")
                .isTrue();
        List<Csv.Record> records = read(file, MS932);
        assertThat(field(records.get(1).fields(), "氏名")).isEqualTo("〓田　太郎");
        assertThat(field(records.get(2).fields(), "氏名")).isEqualTo("受付　太郎2");
    }

    @Test
    void valuesWithCommasAndQuotesSurviveTheRoundTrip() {
        List<String> fields = List.of("a,b", "say \"hi\"", "", "plain");
        assertThat(Csv.parse(Csv.line(fields) + Csv.line(List.of("x"))))
                .extracting(Csv.Record::fields)
                .containsExactly(fields, List.of("x"));
    }

    @Test
    void aFolderThatWentAwayKeepsTheEntryPendingAndItArrivesOnceItIsBack() throws Exception {
        try (RececonBridge bridge = bridge(StandardCharsets.UTF_8)) {
            Path csv = dir.resolve("csv");
            Files.delete(csv);
            Files.writeString(csv, "not a folder");
            bridge.submit(
                    Fixtures.confirmation("away", Instant.parse("2026-12-03T01:00:00Z"), Fixtures.qualification(1)));
            assertThat(bridge.drain()).isZero();
            assertThat(bridge.statuses().getFirst().lastError()).startsWith("csv:");
            Files.delete(csv);
            Files.createDirectory(csv);
            assertThat(bridge.drain()).isEqualTo(1);
            assertThat(bridge.statuses()).allMatch(s -> s.state() == DeliveryStatus.State.DELIVERED);
        }
        try (Stream<Path> files = Files.list(dir.resolve("csv"))) {
            assertThat(files.toList())
                    .singleElement()
                    .satisfies(f -> assertThat(read(f, StandardCharsets.UTF_8)).hasSize(2));
        }
    }

    private static String field(List<String> row, String header) {
        return row.get(CsvExportSink.headers().indexOf(header));
    }
}
