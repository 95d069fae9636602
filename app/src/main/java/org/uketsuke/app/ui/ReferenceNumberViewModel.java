package org.uketsuke.app.ui;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.uketsuke.eligibility.FieldCheck;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.InvalidValueException;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.Unavailable;

/**
 * The staff's 照会番号 screen: one patient per line ({@code 保険者番号,記号,番号,枝番,生年月日,照会番号}, commas or tabs,
 * as a レセコン's list pastes), registered one (OQS-IF-003/004) or many at once (009–012); every line's outcome in the
 * screen's language. Bad lines are named by number and nothing is sent until every line reads.
 */
public final class ReferenceNumberViewModel {

    public final StringProperty entries = new SimpleStringProperty("");
    public final StringProperty problems = new SimpleStringProperty("");
    public final StringProperty results = new SimpleStringProperty("");
    public final BooleanProperty busy = new SimpleBooleanProperty(false);

    private final Function<List<ReferenceRegistration>, List<RegistrationOutcome>> registrar;
    private final BooleanSupplier allowed;
    private final BackgroundJob job;
    private final Messages messages;

    public ReferenceNumberViewModel(
            Function<List<ReferenceRegistration>, List<RegistrationOutcome>> registrar,
            Executor worker,
            Executor fx,
            Messages messages) {
        this(registrar, () -> true, worker, fx, messages);
    }

    /** @param allowed false while the audit alarm stands: nothing is sent then, as for every confirmation path */
    public ReferenceNumberViewModel(
            Function<List<ReferenceRegistration>, List<RegistrationOutcome>> registrar,
            BooleanSupplier allowed,
            Executor worker,
            Executor fx,
            Messages messages) {
        this.registrar = registrar;
        this.allowed = allowed;
        this.job = new BackgroundJob(busy, worker, fx);
        this.messages = messages;
    }

    /** Reads every line; the problems, one per line with its number, are shown and nothing is returned if any. */
    List<ReferenceRegistration> read(List<String> wrong) {
        List<ReferenceRegistration> registrations = new ArrayList<>();
        String[] lines = entries.get() == null ? new String[0] : entries.get().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = messages.get("csv.where.line", Integer.toString(i + 1));
            String[] cells = lines[i].split("[,\t]", -1);
            if (cells.length != 6) {
                wrong.add(where + messages.get("reference.line.shape"));
                continue;
            }
            List<FieldCheck.Problem> found = new ArrayList<>();
            found.addAll(FieldCheck.check(FieldCheck.Field.INSURER_NUMBER, cells[0]));
            found.addAll(FieldCheck.check(FieldCheck.Field.SYMBOL, cells[1]));
            found.addAll(FieldCheck.check(FieldCheck.Field.NUMBER, cells[2]));
            found.addAll(FieldCheck.check(FieldCheck.Field.BRANCH, cells[3]));
            found.forEach(p -> wrong.add(where + ReasonTexts.fieldProblem(p, messages)));
            LocalDate birthdate = LookupViewModel.birthdate(cells[4]);
            if (birthdate == null) {
                wrong.add(where + messages.get("lookup.birthdate.invalid"));
            }
            ReferenceNumber reference = null;
            try {
                reference = ReferenceNumber.of(cells[5].strip());
            } catch (InvalidValueException e) {
                wrong.add(where + messages.get("reference.number.invalid"));
            }
            if (found.isEmpty() && birthdate != null && reference != null) {
                registrations.add(new ReferenceRegistration(
                        new InsuranceCardId(
                                InsurerNumber.of(cells[0]), cells[1].strip(), cells[2].strip(), cells[3].strip()),
                        birthdate,
                        reference));
            }
        }
        if (registrations.isEmpty() && wrong.isEmpty()) {
            wrong.add(messages.get("reference.empty"));
        }
        return registrations;
    }

    /** Registers every line off the FX thread; the outcomes come back, one line each, on the FX thread. */
    public void submit() {
        List<String> wrong = new ArrayList<>();
        List<ReferenceRegistration> registrations = read(wrong);
        problems.set(String.join("\n", wrong));
        if (!wrong.isEmpty() || busy.get()) {
            return;
        }
        if (!allowed.getAsBoolean()) {
            problems.set(messages.get("problem.RECEPTION_PAUSED"));
            return;
        }
        results.set("");
        job.start(() -> registrar.apply(registrations), outcomes -> results.set(describe(registrations, outcomes)));
    }

    private String describe(List<ReferenceRegistration> registrations, List<RegistrationOutcome> outcomes) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            String number = registrations.get(i).referenceNumber().value();
            lines.add(
                    switch (outcomes.get(i)) {
                        case RegistrationOutcome.Registered r ->
                            messages.get(r.alreadyRegistered() ? "reference.already" : "reference.registered", number);
                        case RegistrationOutcome.Rejected r ->
                            messages.get(
                                    "reference.refused",
                                    number,
                                    messages.get("rejection." + r.reason().name()));
                        case Unavailable u -> messages.get("reference.unavailable", number);
                    });
        }
        return String.join("\n", lines);
    }
}
