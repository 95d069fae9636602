package org.uketsuke.app.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.uketsuke.app.reception.BatchPreCheck;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.app.reception.VisitScenario;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.FieldCheck;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;

/**
 * 訪問診療 / オンライン診療 (居宅同意取得型) re-confirmation from the console (docs/spec-notes/failures.md#home-visits):
 * the patients who gave the 居宅同意 at their first visit within the period are confirmed again without the card
 * through the bulk exchange — the day's whole list, or one patient picked by 保険者番号 and 番号. Confirmed ones go to
 * the レセコン and the reception list. On a worker. The first visit's consent: the staff mark the next card visit as a
 * 訪問診療 or オンライン診療 one ({@link VisitScenario}).
 */
public final class HomeVisitViewModel {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** How far back the period starts by default: a 訪問診療 consent lasts about a month (ConsentPolicy). */
    static final int DEFAULT_DAYS = 30;

    public final ObjectProperty<BulkSelection.Exchange> exchange =
            new SimpleObjectProperty<>(BulkSelection.Exchange.HOME_VISIT);
    /**
     * What the period's dates are: the 居宅同意's, or (オンライン診療 only, the exchange takes {@code ExaminationDate})
     * the examinations'. 訪問診療 always selects by consent dates.
     */
    public final ObjectProperty<BulkSelection.PeriodKind> periodKind =
            new SimpleObjectProperty<>(BulkSelection.PeriodKind.CONSENT);

    public final StringProperty from = new SimpleStringProperty("");
    public final StringProperty to = new SimpleStringProperty("");
    /** One patient: empty for the whole list. */
    public final StringProperty insurer = new SimpleStringProperty("");

    public final StringProperty number = new SimpleStringProperty("");
    public final StringProperty problems = new SimpleStringProperty("");
    public final StringProperty summary = new SimpleStringProperty("");
    public final ObservableList<String> notConfirmed = FXCollections.observableArrayList();
    public final BooleanProperty busy = new SimpleBooleanProperty(false);

    /** The 診療区分 of the next card visit: a first visit's 居宅同意 is given under 訪問診療 or オンライン診療. */
    public final ObjectProperty<ConsentScenario> nextVisit = new SimpleObjectProperty<>(ConsentScenario.OUTPATIENT);

    private final BatchPreCheck bulk;
    private final VisitScenario scenario;
    private final BackgroundJob job;
    private final Messages messages;

    public HomeVisitViewModel(
            BatchPreCheck bulk, VisitScenario scenario, Clock clock, Executor worker, Executor fx, Messages messages) {
        this.bulk = bulk;
        this.scenario = scenario;
        nextVisit.set(scenario.current());
        nextVisit.addListener((obs, was, now) -> scenario.set(now));
        this.job = new BackgroundJob(busy, worker, fx);
        this.messages = messages;
        LocalDate today = LocalDate.now(clock);
        from.set(today.minusDays(DEFAULT_DAYS).toString());
        to.set(today.toString());
    }

    /** Checks the form, then runs the exchange; the confirmed rows go to {@code history} on the FX thread. */
    public void run(Consumer<ReceptionRecord> history) {
        List<String> wrong = new ArrayList<>();
        LocalDate start = LookupViewModel.birthdate(from.get());
        LocalDate end = LookupViewModel.birthdate(to.get());
        if (start == null || end == null || end.isBefore(start)) {
            wrong.add(messages.get("homevisit.period.invalid"));
        }
        boolean one = !insurer.get().isBlank() || !number.get().isBlank();
        if (one) {
            FieldCheck.check(FieldCheck.Field.INSURER_NUMBER, insurer.get())
                    .forEach(p -> wrong.add(ReasonTexts.fieldProblem(p, messages)));
            FieldCheck.check(FieldCheck.Field.NUMBER, number.get())
                    .forEach(p -> wrong.add(ReasonTexts.fieldProblem(p, messages)));
        }
        problems.set(String.join("\n", wrong));
        if (!wrong.isEmpty() || busy.get()) {
            return;
        }
        BulkSelection selection = selection(exchange.get(), periodKind.get(), start, end);
        Predicate<InsuranceCardId> keep = one ? patient(insurer.get(), number.get()) : card -> true;
        summary.set(messages.get("precheck.running"));
        notConfirmed.clear();
        job.start(() -> ask(selection, keep), result -> {
            if (result == null || result.failure() != null) {
                summary.set(messages.get("precheck.failed"));
                return;
            }
            summary.set(messages.get(
                    "homevisit.done",
                    result.confirmed() + result.rejected() + result.unavailable(),
                    result.confirmed()));
            notConfirmed.setAll(result.notConfirmed().stream()
                    .map(p -> PreCheckViewModel.line(p, messages))
                    .toList());
            result.records().forEach(history);
        });
    }

    /** The form's selection: a 訪問診療 period is always one of consent dates, whatever was chosen for オンライン診療. */
    static BulkSelection.Period selection(
            BulkSelection.Exchange exchange, BulkSelection.PeriodKind kind, LocalDate from, LocalDate to) {
        return new BulkSelection.Period(
                exchange,
                exchange == BulkSelection.Exchange.ONLINE ? kind : BulkSelection.PeriodKind.CONSENT,
                from,
                to);
    }

    /** FX thread: after a visit the next one is outpatient again (the terminal resets it); the choice follows. */
    public void refreshNextVisit() {
        nextVisit.set(scenario.current());
    }

    private BatchPreCheck.Summary ask(BulkSelection selection, Predicate<InsuranceCardId> keep) {
        try {
            return bulk.runBulk(selection, keep, TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The one patient's insurance: 保険者番号 as the domain reads it, 番号 without leading zeros. */
    static Predicate<InsuranceCardId> patient(String insurer, String number) {
        InsurerNumber wanted = InsurerNumber.of(insurer);
        String digits = number.strip().replaceFirst("^0+", "");
        return card -> card.insurer().equals(wanted)
                && card.number().strip().replaceFirst("^0+", "").equals(digits);
    }
}
