package org.uketsuke.bridge.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.uketsuke.bridge.csv.BookedPatientsCsv.BookedPatients;
import org.uketsuke.bridge.csv.BookedPatientsCsv.Reason;
import org.uketsuke.eligibility.FieldCheck;

class BookedPatientsCsvTest {

    @Test
    void aJapaneseShiftJisExportWithColumnsInAnyOrderBecomesSearches() {
        String text = "患者ID,生年月日,保険者番号,記号,番号,枝番,予約時刻\r\n"
                + "P001,S45.01.01,01130012,１２３４５６７,１０２４,00,09:00\r\n"
                + "P002,昭和29年3月3日,  131045,ア－１２,00451,,09:15\r\n"
                + "P003,1980/4/1,39131016,,12345678,,09:30\r\n";
        BookedPatients booked = BookedPatientsCsv.read(text.getBytes(Charset.forName("windows-31j")));
        assertThat(booked.problems()).isEmpty();
        assertThat(booked.patients()).hasSize(3);
        var first = booked.patients().getFirst();
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.patientId()).isEqualTo("P001");
        assertThat(first.search().card().insurer().value()).isEqualTo("01130012");
        assertThat(first.search().card().symbol()).isEqualTo("1234567");
        assertThat(first.search().card().number()).isEqualTo("1024");
        assertThat(first.search().birthdate()).isEqualTo(LocalDate.of(1970, 1, 1));
        assertThat(first.search().arbitraryIdentifier()).isEqualTo("P001");
        var kokuho = booked.patients().get(1);
        assertThat(kokuho.search().card().insurer().value()).isEqualTo("131045");
        assertThat(kokuho.search().card().symbol()).isEqualTo("ア-12");
        assertThat(kokuho.search().birthdate()).isEqualTo(LocalDate.of(1954, 3, 3));
        assertThat(booked.patients().get(2).search().card().symbol()).isEmpty();
        assertThat(booked.patients().get(2).search().birthdate()).isEqualTo(LocalDate.of(1980, 4, 1));
    }

    @Test
    void englishHeadersAndAUtf8BomAreReadToo() {
        String text = "\uFEFFinsurer_number,symbol,number,branch,birthdate,patient_id,limit_consent\n"
                + "01130012,1234567,1024,01,1970-01-01,A-1,1\n";
        BookedPatients booked = BookedPatientsCsv.read(text.getBytes(StandardCharsets.UTF_8));
        assertThat(booked.problems()).isEmpty();
        assertThat(booked.patients()).singleElement().satisfies(p -> {
            assertThat(p.search().card().branch()).isEqualTo("01");
            assertThat(p.search().limitConsent()).isTrue();
            assertThat(p.patientId()).isEqualTo("A-1");
        });
    }

    @Test
    void badRowsAreNamedByLineAndColumnInJapaneseAndEnglishAndGoodRowsStillCount() {
        String text = "保険者番号,記号,番号,枝番,生年月日\n"
                + "01130013,1,2,00,19700101\n" // check digit wrong
                + "01130012,1,2,00,19701301\n" // no 13th month
                + "01130012,1,,00,19700101\n" // no number
                + "01130012,1,3,5,19700101\n" // one-digit branch
                + "01130012,1,4,00,19700101\n" // good
                + "01130012,1,4,00,1970-01-01\n"; // the same patient again
        BookedPatients booked = BookedPatientsCsv.read(text.getBytes(StandardCharsets.UTF_8));
        assertThat(booked.patients())
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(6));
        assertThat(booked.problems())
                .extracting(BookedPatientsCsv.Problem::line, BookedPatientsCsv.Problem::reason)
                .containsExactly(
                        tuple(2, Reason.BAD_FIELD),
                        tuple(3, Reason.BAD_BIRTHDATE),
                        tuple(4, Reason.BAD_FIELD),
                        tuple(5, Reason.BAD_FIELD),
                        tuple(7, Reason.DUPLICATE));
        var checkDigit = booked.problems().getFirst();
        assertThat(checkDigit.fieldProblem().reason()).isEqualTo(FieldCheck.Reason.CHECK_DIGIT);
        assertThat(booked.problems().get(1).detail()).isEqualTo("19701301");
        assertThat(booked.problems().get(4).detail())
                .as("the line of the first occurrence")
                .isEqualTo("6");
    }

    @Test
    void aFileWithoutTheNeededColumnsSaysWhichAreMissing() {
        BookedPatients booked = BookedPatientsCsv.read("患者ID,氏名\nP1,受付\n".getBytes(StandardCharsets.UTF_8));
        assertThat(booked.patients()).isEmpty();
        assertThat(booked.problems())
                .extracting(
                        BookedPatientsCsv.Problem::line,
                        BookedPatientsCsv.Problem::reason,
                        BookedPatientsCsv.Problem::column)
                .containsExactly(
                        tuple(1, Reason.MISSING_COLUMN, BookedPatientsCsv.Column.INSURER_NUMBER),
                        tuple(1, Reason.MISSING_COLUMN, BookedPatientsCsv.Column.NUMBER),
                        tuple(1, Reason.MISSING_COLUMN, BookedPatientsCsv.Column.BIRTHDATE));
    }

    @Test
    void emptyAndBrokenFilesAreTypedProblems() {
        assertThat(BookedPatientsCsv.read(new byte[0]).problems())
                .extracting(BookedPatientsCsv.Problem::reason)
                .containsExactly(Reason.NO_HEADER);
        assertThat(BookedPatientsCsv.read("保険者番号,番号,生年月日\n\"01130012,1,19700101\n".getBytes(StandardCharsets.UTF_8))
                        .problems())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.reason()).isEqualTo(Reason.UNREADABLE);
                    assertThat(p.line()).isEqualTo(2);
                });
    }

    @Test
    void birthDatesInEveryCommonFormAgree() {
        LocalDate expected = LocalDate.of(1989, 1, 8);
        for (String form :
                new String[] {"19890108", "1989-01-08", "1989/1/8", "H1.1.8", "H01.01.08", "平成元年1月8日", "１９８９０１０８"}) {
            assertThat(BookedPatientsCsv.birthdate(form)).as(form).contains(expected);
        }
        assertThat(BookedPatientsCsv.birthdate("S64.1.7")).contains(LocalDate.of(1989, 1, 7));
        assertThat(BookedPatientsCsv.birthdate("S64.1.8"))
                .as("Shōwa ended on 7 January 1989")
                .isEmpty();
        assertThat(BookedPatientsCsv.birthdate("R1.2.30")).isEmpty();
        assertThat(BookedPatientsCsv.birthdate("yesterday")).isEmpty();
    }
}
