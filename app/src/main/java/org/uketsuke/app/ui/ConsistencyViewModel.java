package org.uketsuke.app.ui;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.uketsuke.app.reception.ConsistencyCheck;
import org.uketsuke.app.reception.ReceptionRecord;

/**
 * 保険情報の照合 on the staff screen: for the selected confirmed row, what the レセコン store still holds that differs
 * ("stored … / confirmed …" per field), and the one click that updates the store. Store access on a worker.
 */
public final class ConsistencyViewModel {

    public final StringProperty result = new SimpleStringProperty("");
    /** True while there are outdated rows the staff may remove. */
    public final BooleanProperty canUpdate = new SimpleBooleanProperty(false);

    public final BooleanProperty busy = new SimpleBooleanProperty(false);

    private final ConsistencyCheck check;
    private final Executor worker;
    private final Executor fx;
    private final Messages messages;
    private List<ConsistencyCheck.Mismatch> found = List.of();

    public ConsistencyViewModel(ConsistencyCheck check, Executor worker, Executor fx, Messages messages) {
        this.check = check;
        this.worker = worker;
        this.fx = fx;
        this.messages = messages;
    }

    public void check(ReceptionRecord record) {
        if (record == null || record.qualification().isEmpty() || busy.get()) {
            return;
        }
        busy.set(true);
        canUpdate.set(false);
        worker.execute(() -> {
            ConsistencyCheck.Result outcome = check.check(record.qualification().get());
            fx.execute(() -> {
                busy.set(false);
                switch (outcome) {
                    case ConsistencyCheck.Result.Consistent c -> {
                        found = List.of();
                        result.set(messages.get("consistency.same"));
                    }
                    case ConsistencyCheck.Result.Mismatches m -> {
                        found = m.mismatches();
                        canUpdate.set(true);
                        result.set(messages.get("consistency.differs", found.size()) + "\n"
                                + found.stream()
                                        .map(mismatch -> mismatch.differences().stream()
                                                .map(d -> "  " + ReasonTexts.difference(d, messages))
                                                .collect(Collectors.joining("\n")))
                                        .collect(Collectors.joining("\n")));
                    }
                    case ConsistencyCheck.Result.StoreUnavailable u -> {
                        found = List.of();
                        result.set(messages.get("consistency.unavailable"));
                    }
                }
            });
        });
    }

    /** Removes the outdated insurances found by the last check from the store. */
    public void update() {
        List<ConsistencyCheck.Mismatch> outdated = found;
        if (outdated.isEmpty() || busy.get()) {
            return;
        }
        busy.set(true);
        worker.execute(() -> {
            String text;
            try {
                text = messages.get("consistency.updated", check.update(outdated));
            } catch (SQLException e) {
                text = messages.get("consistency.unavailable");
            }
            String shown = text;
            fx.execute(() -> {
                busy.set(false);
                found = List.of();
                canUpdate.set(false);
                result.set(shown);
            });
        });
    }
}
