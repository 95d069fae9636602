package org.uketsuke.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.uketsuke.app.reception.BatchPreCheck;
import org.uketsuke.app.reception.RejectionProblems;
import org.uketsuke.bridge.csv.BookedPatientsCsv;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Unavailable;

/**
 * 一括照会 from the booked-patients file a レセコン or booking system exported: the file is read and checked (every
 * bad row named by line, in the screen's language), the good rows go to the qualification system as one batch, and
 * the staff see how many were confirmed and which patients were not. All of it on a worker.
 */
public final class PreCheckViewModel {

    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(5);

    public final StringProperty file = new SimpleStringProperty("");
    public final StringProperty problems = new SimpleStringProperty("");
    public final StringProperty summary = new SimpleStringProperty("");
    public final BooleanProperty busy = new SimpleBooleanProperty(false);
    /** One line per booked patient the system did not confirm: clinic id and the reason. */
    public final ObservableList<String> notConfirmed = FXCollections.observableArrayList();

    private final BatchPreCheck preCheck;
    private final BackgroundJob job;
    private final Messages messages;

    public PreCheckViewModel(BatchPreCheck preCheck, Executor worker, Executor fx, Messages messages) {
        this.preCheck = preCheck;
        this.job = new BackgroundJob(busy, worker, fx);
        this.messages = messages;
    }

    /** What the staff see after a run. */
    private record Outcome(String problems, String summary, List<String> notConfirmed) {}

    /** Reads the file and, if any row is good, runs the batch; results come back on the FX thread. */
    public void run() {
        if (busy.get()) {
            return;
        }
        String name = file.get() == null ? "" : file.get().strip();
        problems.set("");
        summary.set(messages.get("precheck.running"));
        notConfirmed.clear();
        job.start(() -> check(name), outcome -> {
            problems.set(outcome.problems());
            summary.set(outcome.summary());
            notConfirmed.setAll(outcome.notConfirmed());
        });
    }

    private Outcome check(String name) {
        try {
            BookedPatientsCsv.BookedPatients booked = BookedPatientsCsv.read(Files.readAllBytes(Path.of(name)));
            String problemText = booked.problems().stream()
                    .map(p -> ReasonTexts.csvProblem(p, messages))
                    .collect(Collectors.joining("\n"));
            if (booked.patients().isEmpty()) {
                return new Outcome(problemText, messages.get("precheck.nothing"), List.of());
            }
            BatchPreCheck.Summary result = preCheck.run(booked.searches(), BATCH_TIMEOUT);
            if (result.failure() != null) {
                return new Outcome(problemText, messages.get("precheck.failed"), List.of());
            }
            return new Outcome(
                    problemText,
                    messages.get(
                            "precheck.done",
                            booked.patients().size(),
                            result.confirmed(),
                            result.rejected(),
                            result.unavailable()),
                    result.notConfirmed().stream().map(p -> line(p, messages)).toList());
        } catch (IOException | InvalidPathException e) {
            return new Outcome(messages.get("precheck.unreadable", name), "", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("", messages.get("precheck.failed"), List.of());
        }
    }

    /** One patient the system did not confirm: the clinic's id (or the insurance) and why, in the screen's language. */
    static String line(BatchPreCheck.NotConfirmed patient, Messages messages) {
        String why = switch (patient.outcome()) {
            case ConfirmationOutcome.Rejected r -> messages.get("problem." + RejectionProblems.of(r.reason()));
            case Unavailable u -> messages.get("problem.BACKEND_UNAVAILABLE");
            case ConfirmationOutcome.Confirmed c -> "";
        };
        String who = patient.patientId().isEmpty()
                ? patient.search().card().insurer().value() + " "
                        + patient.search().card().number()
                : patient.patientId();
        return who + ": " + why;
    }
}
