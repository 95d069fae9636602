package org.uketsuke.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.uketsuke.app.reception.AuditTrail;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.NotPermitted;
import org.uketsuke.app.staff.Role;

/**
 * The staff console's audit alarm area: shown while the audit trail stops confirmations, with why and since when,
 * and the administrator's acknowledgment (run on a worker: it writes the log). Plain properties, no scene types.
 */
public final class AuditAlarmViewModel {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MM/dd HH:mm:ss").withZone(ZoneId.systemDefault());

    public final BooleanProperty raised = new SimpleBooleanProperty(false);
    public final StringProperty text = new SimpleStringProperty("");
    public final StringProperty since = new SimpleStringProperty("");
    /** What the last acknowledgment did. */
    public final StringProperty result = new SimpleStringProperty("");

    private final AuditTrail trail;
    private final Authorizer staff;
    private final Executor worker;
    private final Executor fx;
    private final Messages messages;

    /** @param staff who acknowledges: only a signed-in administrator may */
    public AuditAlarmViewModel(AuditTrail trail, Authorizer staff, Executor worker, Executor fx, Messages messages) {
        this.trail = trail;
        this.staff = staff;
        this.worker = worker;
        this.fx = fx;
        this.messages = messages;
        trail.onChange(state -> fx.execute(() -> show(state)));
        show(trail.state());
    }

    private void show(AuditTrail.State state) {
        switch (state) {
            case AuditTrail.Alarm alarm -> {
                raised.set(true);
                text.set(messages.get("audit.alarm." + alarm.cause().name()));
                since.set(messages.get("audit.alarm.since", TIME.format(alarm.since())));
            }
            case AuditTrail.Healthy _ -> {
                raised.set(false);
                text.set("");
                since.set("");
            }
        }
    }

    /** The administrator's acknowledgment; the role check joins here once staff accounts exist. */
    public void acknowledge() {
        String who;
        try {
            who = staff.require(Role.ADMINISTRATOR).id();
        } catch (NotPermitted e) {
            result.set(messages.get("audit.alarm.notPermitted"));
            return;
        }
        worker.execute(() -> {
            AuditTrail.Acknowledgment done = trail.acknowledge(who);
            fx.execute(() -> result.set(
                    switch (done) {
                        case AuditTrail.Acknowledged _ -> messages.get("audit.alarm.acknowledged");
                        case AuditTrail.StillFailing failing ->
                            messages.get("audit.alarm.stillFailing", failing.detail());
                        case AuditTrail.NothingToAcknowledge _ -> "";
                    }));
        });
    }
}
