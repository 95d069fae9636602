package org.uketsuke.bridge.csv;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uketsuke.eligibility.FieldCheck;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.InvalidValueException;

/**
 * Reads the booked-patients list a レセコン or booking system exports, for the 一括照会 pre-check. The first row names
 * the columns, in Japanese or English, in any order: 保険者番号/insurer_number, 記号/symbol, 番号/number,
 * 枝番/branch, 生年月日/birthdate, and optionally 患者ID/patient_id and 限度額同意/limit_consent (1 = the clinic asked).
 * Birth dates may be 19700101, 1970-01-01, 1970/1/1, S45.01.01 or 昭和45年1月1日. The file may be UTF-8 (with or
 * without BOM) or Windows-31J (Shift_JIS): whichever decodes.
 *
 * <p>A bad row never stops the list: it becomes a {@link Problem} naming its line, column and reason (the
 * application words it), and every good row is still checked.
 */
public final class BookedPatientsCsv {

    /** The fields of a booked-patients row. */
    public enum Column {
        PATIENT_ID("患者ID", "患者番号", "カルテ番号", "patient_id", "patient"),
        INSURER_NUMBER("保険者番号", "insurer_number", "insurer"),
        SYMBOL("記号", "被保険者証記号", "symbol"),
        NUMBER("番号", "被保険者証番号", "number"),
        BRANCH("枝番", "branch"),
        BIRTHDATE("生年月日", "birthdate", "birth_date"),
        LIMIT_CONSENT("限度額同意", "limit_consent");

        @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
        private final List<String> names;

        Column(String... names) {
            this.names = List.of(names);
        }
    }

    /** One bookable patient: the row's line, the clinic's own id (echoed back by the batch answer) and the search. */
    public record BookedPatient(int line, String patientId, InsuranceSearch search) {}

    /** Why a row (or the file) was not taken. */
    public enum Reason {
        NO_HEADER,
        MISSING_COLUMN,
        MISSING_VALUE,
        BAD_BIRTHDATE,
        BAD_FIELD,
        DUPLICATE,
        UNREADABLE
    }

    /**
     * What is wrong, where: {@code line} 1-based (0 for the whole file), {@code detail} the value, the missing column's
     * name, the validator's explanation, or the line of the first occurrence.
     */
    public record Problem(int line, Column column, Reason reason, String detail, FieldCheck.Problem fieldProblem) {}

    /** The good rows and the problems, in file order. */
    public record BookedPatients(List<BookedPatient> patients, List<Problem> problems) {

        public BookedPatients {
            patients = List.copyOf(patients);
            problems = List.copyOf(problems);
        }

        public List<InsuranceSearch> searches() {
            return patients.stream().map(BookedPatient::search).toList();
        }
    }

    private static final Pattern ERA_SHORT = Pattern.compile("([MTSHR])(\\d{1,2})[./-](\\d{1,2})[./-](\\d{1,2})");
    private static final Pattern ERA_LONG = Pattern.compile("(明治|大正|昭和|平成|令和)(\\d{1,2}|元)年(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern GREGORIAN = Pattern.compile("(\\d{4})[./-]?(\\d{1,2})[./-]?(\\d{1,2})");

    private BookedPatientsCsv() {}

    public static BookedPatients read(byte[] bytes) {
        List<BookedPatient> patients = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Csv.Record> records;
        try {
            records = Csv.parse(decode(bytes));
        } catch (CsvFormatException e) {
            return new BookedPatients(
                    List.of(), List.of(new Problem(e.line(), null, Reason.UNREADABLE, e.getMessage(), null)));
        }
        if (records.isEmpty()) {
            return new BookedPatients(List.of(), List.of(new Problem(0, null, Reason.NO_HEADER, "", null)));
        }
        Map<Column, Integer> index = header(records.getFirst().fields());
        for (Column required : List.of(Column.INSURER_NUMBER, Column.NUMBER, Column.BIRTHDATE)) {
            if (!index.containsKey(required)) {
                problems.add(new Problem(records.getFirst().line(), required, Reason.MISSING_COLUMN, "", null));
            }
        }
        if (!problems.isEmpty()) {
            return new BookedPatients(List.of(), problems);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Csv.Record record : records.subList(1, records.size())) {
            row(record, index, problems).ifPresent(patient -> {
                InsuranceCardId card = patient.search().card();
                String identity = card.insurer().value() + "|" + card.symbol() + "|" + card.number() + "|"
                        + card.branch() + "|" + patient.search().birthdate();
                Integer first = seen.putIfAbsent(identity, record.line());
                if (first != null) {
                    problems.add(new Problem(record.line(), null, Reason.DUPLICATE, Integer.toString(first), null));
                } else {
                    patients.add(patient);
                }
            });
        }
        return new BookedPatients(patients, problems);
    }

    private static Optional<BookedPatient> row(Csv.Record record, Map<Column, Integer> index, List<Problem> problems) {
        int line = record.line();
        int before = problems.size();
        String insurer = value(record, index, Column.INSURER_NUMBER);
        String symbol = value(record, index, Column.SYMBOL);
        String number = value(record, index, Column.NUMBER);
        String branch = value(record, index, Column.BRANCH);
        String birth = value(record, index, Column.BIRTHDATE);
        field(line, Column.INSURER_NUMBER, FieldCheck.Field.INSURER_NUMBER, insurer, problems);
        field(line, Column.SYMBOL, FieldCheck.Field.SYMBOL, symbol, problems);
        field(line, Column.NUMBER, FieldCheck.Field.NUMBER, number, problems);
        field(line, Column.BRANCH, FieldCheck.Field.BRANCH, branch, problems);
        Optional<LocalDate> birthdate = Optional.empty();
        if (birth.isBlank()) {
            problems.add(new Problem(line, Column.BIRTHDATE, Reason.MISSING_VALUE, "", null));
        } else {
            birthdate = birthdate(birth);
            if (birthdate.isEmpty()) {
                problems.add(new Problem(line, Column.BIRTHDATE, Reason.BAD_BIRTHDATE, birth, null));
            }
        }
        if (problems.size() > before || birthdate.isEmpty()) {
            return Optional.empty();
        }
        String patientId = value(record, index, Column.PATIENT_ID).strip();
        boolean limitConsent =
                value(record, index, Column.LIMIT_CONSENT).strip().equals("1");
        try {
            InsuranceCardId card = new InsuranceCardId(InsurerNumber.of(insurer), symbol, number, branch);
            return Optional.of(new BookedPatient(
                    line, patientId, new InsuranceSearch(card, birthdate.get(), limitConsent, patientId)));
        } catch (InvalidValueException e) {
            problems.add(new Problem(line, null, Reason.BAD_FIELD, e.getMessage(), null));
            return Optional.empty();
        }
    }

    private static void field(int line, Column column, FieldCheck.Field field, String value, List<Problem> problems) {
        for (FieldCheck.Problem problem : FieldCheck.check(field, value)) {
            problems.add(new Problem(line, column, Reason.BAD_FIELD, problem.detail(), problem));
        }
    }

    private static String value(Csv.Record record, Map<Column, Integer> index, Column column) {
        Integer i = index.get(column);
        return i == null || i >= record.fields().size() ? "" : record.fields().get(i);
    }

    private static Map<Column, Integer> header(List<String> names) {
        Map<Column, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = nfkc(names.get(i)).strip().toLowerCase(Locale.ROOT);
            for (Column column : Column.values()) {
                if (column.names.stream()
                        .anyMatch(n -> nfkc(n).toLowerCase(Locale.ROOT).equals(name))) {
                    index.putIfAbsent(column, i);
                }
            }
        }
        return index;
    }

    /** A birth date in the forms clinics' systems write, Gregorian or 和暦. */
    static Optional<LocalDate> birthdate(String text) {
        String value = nfkc(text).strip();
        try {
            Matcher m = ERA_SHORT.matcher(value);
            if (m.matches()) {
                return Optional.of(japanese(
                        era("MTSHR".indexOf(m.group(1))),
                        Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4))));
            }
            m = ERA_LONG.matcher(value);
            if (m.matches()) {
                int year = m.group(2).equals("元") ? 1 : Integer.parseInt(m.group(2));
                return Optional.of(japanese(
                        era(List.of("明治", "大正", "昭和", "平成", "令和").indexOf(m.group(1))),
                        year,
                        Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4))));
            }
            m = GREGORIAN.matcher(value);
            if (m.matches()) {
                return Optional.of(LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static JapaneseEra era(int index) {
        return List.of(JapaneseEra.MEIJI, JapaneseEra.TAISHO, JapaneseEra.SHOWA, JapaneseEra.HEISEI, JapaneseEra.REIWA)
                .get(index);
    }

    private static LocalDate japanese(JapaneseEra era, int year, int month, int day) {
        return LocalDate.from(JapaneseDate.of(era, year, month, day));
    }

    private static String nfkc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, Charset.forName("windows-31j"));
        }
    }
}
