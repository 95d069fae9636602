package org.uketsuke.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.staff.NotPermitted;
import org.uketsuke.bridge.DeliveryStatus;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.exchange.FolderProblem;
import org.uketsuke.bridge.sink.DeliveryId;

/**
 * The staff's view of what reached the レセコン: every entry not yet delivered, then the newest delivered, with the
 * sinks still missing it and why; a parked entry can be sent again. The outbox is read on a worker, never the FX
 * thread.
 */
public final class DeliveriesViewModel {

    private static final Logger log = LoggerFactory.getLogger(DeliveriesViewModel.class);
    private static final int ROWS = 200;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MM/dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** One line of the table; {@code detail} is the diagnostic reason (tooltip), {@code waitingFor} what staff read. */
    public record Row(
            DeliveryId id,
            String time,
            String key,
            String state,
            String waitingFor,
            int attempts,
            String detail,
            boolean resendable) {}

    public final ObservableList<Row> rows = FXCollections.observableArrayList();
    /** "未送信 1件・送信停止 0件": shown beside the tab title. */
    public final StringProperty summary = new SimpleStringProperty("");
    /** The req/res folders' last problem (a refused file, a failed pass), or empty: polling goes on either way. */
    public final StringProperty folderStatus = new SimpleStringProperty("");

    private final RececonBridge bridge;
    private final Consumer<DeliveryId> resend;
    private final Executor worker;
    private final Executor fx;
    private final Messages messages;
    private final Supplier<Optional<FolderProblem>> folderProblem;

    /** @param resend puts a parked entry back in the queue and wakes the delivery (needs an administrator) */
    public DeliveriesViewModel(
            RececonBridge bridge, Consumer<DeliveryId> resend, Executor worker, Executor fx, Messages messages) {
        this(bridge, resend, worker, fx, messages, Optional::empty);
    }

    /** @param folderProblem the folder exchanges' last problem, read on the worker with each refresh */
    public DeliveriesViewModel(
            RececonBridge bridge,
            Consumer<DeliveryId> resend,
            Executor worker,
            Executor fx,
            Messages messages,
            Supplier<Optional<FolderProblem>> folderProblem) {
        this.folderProblem = folderProblem;
        this.bridge = bridge;
        this.resend = resend;
        this.worker = worker;
        this.fx = fx;
        this.messages = messages;
    }

    /** Reads the outbox again (off the FX thread) and updates the rows on the FX thread. */
    public void refresh() {
        worker.execute(() -> {
            try {
                List<DeliveryStatus> statuses = bridge.recentStatuses(ROWS);
                String folder = folderProblem
                        .get()
                        .map(p ->
                                messages.get("deliveries.folderProblem", TIME.format(p.at()), p.file(), p.diagnostic()))
                        .orElse("");
                fx.execute(() -> {
                    show(statuses);
                    folderStatus.set(folder);
                });
            } catch (RuntimeException e) {
                // The outbox is closing (the terminal shuts down) or unreadable: keep the last list, say why in the
                // log.
                log.warn("cannot read the outbox for the staff list: {}", e.toString());
            }
        });
    }

    /** Staff pressed 再送: the parked entry goes back in the queue and the delivery worker is woken. */
    public void resend(Row row) {
        if (!row.resendable()) {
            return;
        }
        worker.execute(() -> {
            try {
                resend.accept(row.id());
            } catch (NotPermitted e) {
                fx.execute(() -> summary.set(messages.get("staff.notPermitted")));
                return;
            }
            List<DeliveryStatus> statuses = bridge.recentStatuses(ROWS);
            fx.execute(() -> show(statuses));
        });
    }

    private void show(List<DeliveryStatus> statuses) {
        rows.setAll(statuses.stream().map(this::row).toList());
        long pending = statuses.stream()
                .filter(s -> s.state() == DeliveryStatus.State.PENDING)
                .count();
        long failed = statuses.stream()
                .filter(s -> s.state() == DeliveryStatus.State.FAILED)
                .count();
        summary.set(messages.get("deliveries.summary", pending, failed));
    }

    private Row row(DeliveryStatus status) {
        String missing = status.sinks().entrySet().stream()
                .filter(e -> !e.getValue())
                .map(Map.Entry::getKey)
                .map(sink -> messages.get("deliveries.sink." + sink))
                .collect(Collectors.joining("、"));
        return new Row(
                status.id(),
                TIME.format(status.confirmedAt()),
                status.idempotencyKey(),
                messages.get("deliveries.state." + status.state()),
                missing,
                status.attempts(),
                status.lastError() == null ? "" : status.lastError(),
                status.state() == DeliveryStatus.State.FAILED);
    }
}
