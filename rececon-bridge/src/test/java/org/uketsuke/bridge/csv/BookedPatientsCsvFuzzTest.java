package org.uketsuke.bridge.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.uketsuke.fuzz.FuzzReport;
import org.uketsuke.fuzz.Fuzzer;

/**
 * The booked-patients file comes from another program: whatever its bytes, reading it gives patients and line-numbered
 * problems and never throws (an unclosed quote is a problem too); every problem has its ja and en message. Corpus:
 * src/test/resources/fuzz/BookedPatientsCsv.
 */
class BookedPatientsCsvFuzzTest {

    private static final String[] TOKENS = {
        ",",
        "\"",
        "\"\"",
        "\r\n",
        "\n",
        "\r",
        "\uFEFF",
        "保険者番号",
        "記号",
        "番号",
        "枝番",
        "生年月日",
        "患者ID",
        "insurer_number",
        "birthdate",
        "限度額同意",
        "S64.1.8",
        "平成元年1月8日",
        "R1.2.30",
        "99999999",
        "01130012",
        "  131045",
        "１２３４",
        "ア－",
        "\u3000",
        "𠮷"
    };

    @Test
    void anyFileGivesPatientsAndTypedProblemsNeverAnException() {
        FuzzReport report = Fuzzer.target("BookedPatientsCsv")
                .dictionary(TOKENS)
                .maxLength(8 * 1024)
                .run(bytes -> {
                    BookedPatientsCsv.BookedPatients booked = BookedPatientsCsv.read(bytes);
                    for (BookedPatientsCsv.Problem problem : booked.problems()) {
                        // The app words each problem from its reason, column and detail: those must be there.
                        boolean named = switch (problem.reason()) {
                            case MISSING_COLUMN, MISSING_VALUE -> problem.column() != null;
                            case BAD_FIELD -> problem.column() != null || problem.fieldProblem() != null;
                            case BAD_BIRTHDATE, DUPLICATE, UNREADABLE ->
                                !problem.detail().isBlank();
                            case NO_HEADER -> true;
                        };
                        if (!named) {
                            throw new AssertionError("a problem without what its words need: " + problem);
                        }
                    }
                    return booked.patients().size() + "/" + booked.problems().size();
                });
        assertThat(report.totalInputs()).isGreaterThan(report.corpusInputs());
    }

    @Test
    void theCsvReaderEitherParsesOrNamesTheLineOfAnOpenQuote() {
        FuzzReport report = Fuzzer.target("Csv")
                .corpus(Path.of("src/test/resources/fuzz/BookedPatientsCsv"))
                .dictionary(TOKENS)
                .maxLength(8 * 1024)
                .allow(CsvFormatException.class)
                .run(bytes -> {
                    var records = Csv.parse(new String(bytes, StandardCharsets.UTF_8));
                    // What the writer writes, the reader reads back unchanged.
                    for (Csv.Record record : records) {
                        var again = Csv.parse(Csv.line(record.fields()));
                        if (!(again.size() == 1 && again.getFirst().fields().equals(record.fields()))
                                && !(record.fields().size() == 1
                                        && record.fields().getFirst().isEmpty())) {
                            throw new AssertionError("round trip changed " + record.fields() + " to " + again);
                        }
                    }
                    return Integer.toString(records.size());
                });
        assertThat(report.totalInputs()).isGreaterThan(report.corpusInputs());
    }
}
