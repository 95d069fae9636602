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
    private final Executor worker;
    private final Executor fx;
    private final Messages messages;

    public PreCheckViewModel(BatchPreCheck preCheck, Executor worker, Executor fx, Messages messages) {
        this.preCheck = preCheck;
        this.worker = worker;
        this.fx = fx;
        this.messages = messages;
    }

    /** Reads the file and, if any row is good, runs the batch; results come back on the FX thread. */
    public void run() {
        if (busy.get()) {
            return;
        }
        String name = file.get() == null ? "" : file.get().strip();
        busy.set(true);
        problems.set("");
        summary.set(messages.get("precheck.running"));
        notConfirmed.clear();
        worker.execute(() -> {
            String problemText;
            String summaryText;
            List<String> missing = List.of();
            try {
                BookedPatientsCsv.BookedPatients booked = BookedPatientsCsv.read(Files.readAllBytes(Path.of(name)));
                problemText = booked.problems().stream()
                        .map(p -> ReasonTexts.csvProblem(p, messages))
                        .collect(Collectors.joining("\n"));
                if (booked.patients().isEmpty()) {
                    summaryText = messages.get("precheck.nothing");
                } else {
                    BatchPreCheck.Summary result = preCheck.run(booked.searches(), BATCH_TIMEOUT);
                    if (result.failure() != null) {
                        summaryText = messages.get("precheck.failed");
                    } else {
                        summaryText = messages.get(
                                "precheck.done",
                                booked.patients().size(),
                                result.confirmed(),
                                result.rejected(),
                                result.unavailable());
                        missing = result.notConfirmed().stream().map(this::line).toList();
                    }
                }
            } catch (IOException | InvalidPathException e) {
                problemText = messages.get("precheck.unreadable", name);
                summaryText = "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problemText = "";
                summaryText = messages.get("precheck.failed");
            }
            String p = problemText;
            String s = summaryText;
            List<String> m = missing;
            fx.execute(() -> {
                problems.set(p);
                summary.set(s);
                notConfirmed.setAll(m);
                busy.set(false);
            });
        });
    }

    private String line(BatchPreCheck.NotConfirmed patient) {
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
