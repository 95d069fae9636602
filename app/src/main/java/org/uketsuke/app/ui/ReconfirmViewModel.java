package org.uketsuke.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.uketsuke.app.reception.FailureGuide;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.app.reception.ReconfirmList;
import org.uketsuke.eligibility.InsuranceSearch;

/**
 * The console's 要再確認 tab: the visits that could not be confirmed, the official sequence for the selected one
 * (docs/spec-notes/failures.md), which document the patient showed with its insurance, and the query by insurance
 * number — now, and by itself on later days until the qualification appears. Reads and queries on a worker.
 */
public final class ReconfirmViewModel {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /** One row of the list, as shown. */
    public record Row(ReconfirmList.Entry entry, String visit, String problem, String state, String evidence) {}

    public final ObservableList<Row> rows = FXCollections.observableArrayList();
    public final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    public final ObjectProperty<ReconfirmList.Evidence> evidence = new SimpleObjectProperty<>();
    /** The insurance on the document (the staff lookup's fields). */
    public final LookupViewModel form;

    public final StringProperty guidance = new SimpleStringProperty("");
    public final StringProperty problems = new SimpleStringProperty("");
    public final StringProperty outcome = new SimpleStringProperty("");
    public final BooleanProperty busy = new SimpleBooleanProperty(false);

    private final ReconfirmList list;
    private final BackgroundJob job;
    private final Executor worker;
    private final Executor fx;
    private final Messages messages;

    public ReconfirmViewModel(ReconfirmList list, Executor worker, Executor fx, Messages messages) {
        this.list = list;
        this.worker = worker;
        this.fx = fx;
        this.messages = messages;
        this.job = new BackgroundJob(busy, worker, fx);
        this.form = new LookupViewModel(null, worker, fx, messages);
        selected.addListener((obs, was, now) -> guidance.set(now == null ? "" : guidance(now.entry())));
        list.onChange(this::refresh);
    }

    /** Reads the list on the worker; the rows change on the FX thread (the selection is kept by id). */
    public void refresh() {
        worker.execute(() -> {
            List<Row> read = list.entries().stream().map(this::row).toList();
            fx.execute(() -> {
                long keep = selected.get() == null ? -1 : selected.get().entry().id();
                rows.setAll(read);
                selected.set(read.stream()
                        .filter(r -> r.entry().id() == keep)
                        .findFirst()
                        .orElse(null));
            });
        });
    }

    private Row row(ReconfirmList.Entry e) {
        String state = messages.get("reconfirm.state." + e.state())
                + e.lastTried()
                        .map(d -> " — " + messages.get("reconfirm.lastTried", d, e.attempts()))
                        .orElse("")
                + e.lastProblem()
                        .filter(p -> e.state() != ReconfirmList.State.CONFIRMED)
                        .map(p -> " (" + messages.get("problem." + p) + ")")
                        .orElse("");
        return new Row(
                e,
                WHEN.format(e.visitAt()),
                messages.get("problem." + e.problem()),
                state,
                e.evidence().map(v -> messages.get("reconfirm.evidence." + v)).orElse(""));
    }

    /** What the staff do for this visit: the guide of its problem, then the state's next step. */
    private String guidance(ReconfirmList.Entry e) {
        return messages.get("failure.staff." + FailureGuide.of(e.problem())) + "\n"
                + messages.get("reconfirm.next." + e.state());
    }

    /**
     * Records the selected visit's document and insurance, then asks the system at once; the answer also reaches the
     * reception list through {@link ReconfirmList#onRecord}.
     */
    public void recordAndQuery() {
        Row row = selected.get();
        String wrong = row == null
                ? messages.get("reconfirm.noneSelected")
                : evidence.get() == null ? messages.get("reconfirm.noEvidence") : form.explain();
        problems.set(wrong);
        if (!wrong.isEmpty() || busy.get()) {
            return;
        }
        long id = row.entry().id();
        ReconfirmList.Evidence shown = evidence.get();
        InsuranceSearch search = form.search();
        outcome.set(messages.get("reconfirm.querying"));
        job.start(
                () -> {
                    list.document(id, shown, search.card(), search.birthdate());
                    return list.tryNow(id);
                },
                this::show);
    }

    private void show(Optional<ReceptionRecord> record) {
        outcome.set(record.map(r -> r.problem()
                        .map(p -> messages.get("reconfirm.stillWaiting", messages.get("problem." + p)))
                        .orElse(messages.get("reconfirm.confirmed")))
                .orElse(""));
    }
}
