package org.uketsuke.app.ui;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.app.reception.StaffLookup;
import org.uketsuke.eligibility.FieldCheck;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsurerNumber;

/**
 * The staff's "confirm by insurance number" form: fields, live explanations of what is wrong (from the domain's
 * {@link FieldCheck}, in the screen's language), and the lookup run on a worker, never the FX thread.
 */
public final class LookupViewModel {

    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

    public final StringProperty insurer = new SimpleStringProperty("");
    public final StringProperty symbol = new SimpleStringProperty("");
    public final StringProperty number = new SimpleStringProperty("");
    public final StringProperty branch = new SimpleStringProperty("");
    public final StringProperty birthdate = new SimpleStringProperty("");
    public final BooleanProperty limitConsent = new SimpleBooleanProperty(false);
    public final StringProperty problems = new SimpleStringProperty("");
    public final BooleanProperty busy = new SimpleBooleanProperty(false);

    private final StaffLookup lookup;
    private final BackgroundJob job;
    private final Messages messages;

    public LookupViewModel(StaffLookup lookup, Executor worker, Executor fx, Messages messages) {
        this.lookup = lookup;
        this.job = new BackgroundJob(busy, worker, fx);
        this.messages = messages;
        for (StringProperty field : List.of(insurer, symbol, number, branch, birthdate)) {
            field.addListener((obs, was, now) -> problems.set(explain()));
        }
    }

    /** Everything wrong with the form now, one line each, in the screen's language; empty when it can be sent. */
    public String explain() {
        StringBuilder text = new StringBuilder();
        append(text, FieldCheck.check(FieldCheck.Field.INSURER_NUMBER, insurer.get()));
        append(text, FieldCheck.check(FieldCheck.Field.SYMBOL, symbol.get()));
        append(text, FieldCheck.check(FieldCheck.Field.NUMBER, number.get()));
        append(text, FieldCheck.check(FieldCheck.Field.BRANCH, branch.get()));
        if (parseBirthdate() == null) {
            line(text, messages.get("lookup.birthdate.invalid"));
        }
        return text.toString();
    }

    public boolean ready() {
        return explain().isEmpty();
    }

    /** Runs the lookup off the FX thread; the record comes back on the FX thread. */
    public void submit(Consumer<ReceptionRecord> onResult) {
        String wrong = explain();
        problems.set(wrong);
        if (!wrong.isEmpty() || busy.get()) {
            return;
        }
        InsuranceSearch search = search();
        job.start(() -> lookup.lookup(search), onResult);
    }

    /** The search the fields hold; call only when {@link #ready()}. */
    InsuranceSearch search() {
        return new InsuranceSearch(
                new InsuranceCardId(InsurerNumber.of(insurer.get()), symbol.get(), number.get(), branch.get()),
                parseBirthdate(),
                limitConsent.get(),
                "");
    }

    private LocalDate parseBirthdate() {
        return birthdate(birthdate.get());
    }

    /** A birth date as staff type it (8 digits, with or without separators, full-width too); null if not one. */
    static LocalDate birthdate(String typed) {
        String text = typed == null
                ? ""
                : Normalizer.normalize(typed, Normalizer.Form.NFKC)
                        .replaceAll("[-/.]", "")
                        .strip();
        try {
            LocalDate date = LocalDate.parse(text, BIRTH);
            return date.isAfter(LocalDate.now()) ? null : date;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void append(StringBuilder text, List<FieldCheck.Problem> found) {
        found.forEach(p -> line(text, ReasonTexts.fieldProblem(p, messages)));
    }

    private static void line(StringBuilder text, String line) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(line);
    }
}
