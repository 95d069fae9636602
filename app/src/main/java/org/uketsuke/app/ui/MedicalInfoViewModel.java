package org.uketsuke.app.ui;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.uketsuke.app.reception.MedicalViewing;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.NotPermitted;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.medical.CheckupItem;
import org.uketsuke.eligibility.medical.CheckupResult;
import org.uketsuke.eligibility.medical.DispensedDrug;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalPdf;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;

/**
 * The staff's 診療・薬剤情報 viewer (#14): a confirmed patient, a category, a date range and a text filter; the
 * records as rows, checkup values and drugs for the charts, and a plain status when there is nothing to show (no
 * consent, consent expired, not found, system down). Fetches run on a worker; results come back on the FX thread.
 * No scene-graph types: tested as plain Java.
 */
public final class MedicalInfoViewModel {

    /** A patient confirmed today, shown by name and insurance (the staff screen is a billing screen). */
    public record Patient(String label, InsuranceCardId card) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** One row of the table, whatever the category. */
    public record Row(LocalDate date, String title, String detail, String facility) {}

    /** What the viewer shows now. */
    public enum Status {
        IDLE,
        LOADING,
        SHOWN,
        NO_CONSENT,
        CONSENT_EXPIRED,
        NOT_FOUND,
        UNAVAILABLE
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd");

    public final ObservableList<Patient> patients = FXCollections.observableArrayList();
    public final ObjectProperty<Patient> patient = new SimpleObjectProperty<>();
    public final ObjectProperty<MedicalCategory> category = new SimpleObjectProperty<>(MedicalCategory.DRUG);
    public final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    public final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    public final StringProperty filter = new SimpleStringProperty("");
    public final ObservableList<Row> rows = FXCollections.observableArrayList();
    /** The checkups as fetched (oldest first), for the line chart. */
    public final ObservableList<CheckupResult> checkups = FXCollections.observableArrayList();
    /** The dispensed drugs as filtered (oldest first), for the timeline. */
    public final ObservableList<DispensedDrug> drugs = FXCollections.observableArrayList();

    public final ObjectProperty<CheckupItem> chartItem = new SimpleObjectProperty<>(CheckupItem.HBA1C);
    public final ObjectProperty<Status> status = new SimpleObjectProperty<>(Status.IDLE);
    public final StringProperty message = new SimpleStringProperty("");
    public final BooleanProperty busy = new SimpleBooleanProperty(false);

    private final MedicalViewing viewing;
    private final Authorizer staff;
    private final Executor worker;
    private final Executor fx;
    private final Messages messages;
    private List<Row> allRows = List.of();
    private List<DispensedDrug> allDrugs = List.of();

    /** @param staff who is signed in when a view or export runs; views need the medical or emergency viewer role */
    public MedicalInfoViewModel(
            MedicalViewing viewing, Authorizer staff, Executor worker, Executor fx, Messages messages) {
        this.viewing = viewing;
        this.staff = staff;
        this.worker = worker;
        this.fx = fx;
        this.messages = messages;
        filter.addListener((o, was, now) -> applyFilter());
        message.set(messages.get("medical.status.IDLE"));
    }

    /** A confirmation from the reception history makes the patient selectable (once per insurance). */
    public void add(ReceptionRecord record) {
        record.qualification().ifPresent(q -> {
            InsuranceCardId card = q.card();
            if (patients.stream().noneMatch(p -> p.card().equals(card))) {
                patients.add(new Patient(q.name(), card));
                if (patient.get() == null) {
                    patient.set(patients.getLast());
                }
            }
        });
    }

    /** Asks the system for the selected patient and category within the date range. */
    public void load() {
        Patient chosen = patient.get();
        if (chosen == null || busy.get()) {
            return;
        }
        MedicalQuery query = query(chosen);
        if (query == null) {
            return;
        }
        busy.set(true);
        status.set(Status.LOADING);
        message.set(messages.get("medical.status.LOADING"));
        worker.execute(() -> {
            try {
                MedicalOutcome<MedicalRecords> outcome = viewing.view(query, staff);
                fx.execute(() -> {
                    busy.set(false);
                    show(outcome);
                });
            } catch (NotPermitted e) {
                notPermitted();
            }
        });
    }

    /** Writes the system's PDF of the current category to {@code target}; the status says how it went. */
    public void exportPdf(Path target) {
        Patient chosen = patient.get();
        if (chosen == null || busy.get()) {
            return;
        }
        MedicalQuery query = query(chosen);
        if (query == null) {
            return;
        }
        busy.set(true);
        worker.execute(() -> {
            MedicalOutcome<MedicalPdf> outcome;
            try {
                outcome = viewing.export(query, staff, target);
            } catch (NotPermitted e) {
                notPermitted();
                return;
            }
            fx.execute(() -> {
                busy.set(false);
                if (outcome instanceof MedicalOutcome.Found<MedicalPdf>) {
                    message.set(messages.get(
                            "medical.exported", target.getFileName().toString()));
                } else {
                    showRefusal(outcome);
                }
            });
        });
    }

    private void notPermitted() {
        fx.execute(() -> {
            busy.set(false);
            status.set(Status.IDLE);
            message.set(messages.get("staff.notPermitted"));
        });
    }

    private MedicalQuery query(Patient chosen) {
        try {
            return new MedicalQuery(
                    chosen.card(), category.get(), from.get(), to.get(), ConsentScenario.OUTPATIENT, "");
        } catch (IllegalArgumentException e) {
            message.set(messages.get("medical.badRange"));
            return null;
        }
    }

    private void show(MedicalOutcome<MedicalRecords> outcome) {
        if (!(outcome instanceof MedicalOutcome.Found<MedicalRecords> found)) {
            clear();
            showRefusal(outcome);
            return;
        }
        MedicalRecords records = found.value();
        List<Row> built = new ArrayList<>();
        allDrugs = List.of();
        checkups.clear();
        switch (records) {
            case MedicalRecords.Drugs d -> {
                for (DispensedDrug x : d.drugs()) {
                    built.add(new Row(
                            x.dispensed(),
                            x.drugName(),
                            x.quantity().toPlainString() + x.unit() + " · " + x.usage() + " · "
                                    + messages.get("medical.days", x.days()),
                            x.facility()));
                }
                allDrugs = d.drugs().reversed();
            }
            case MedicalRecords.Checkups c -> {
                for (CheckupResult x : c.checkups()) {
                    built.add(new Row(x.date(), messages.get("medical.checkup"), summary(x), x.facility()));
                }
                checkups.setAll(c.checkups().reversed());
            }
            case MedicalRecords.Diagnoses d ->
                d.diagnoses().forEach(x -> built.add(new Row(x.date(), x.name(), x.code(), x.facility())));
            case MedicalRecords.Operations o ->
                o.operations().forEach(x -> built.add(new Row(x.date(), x.name(), x.code(), x.facility())));
        }
        allRows = List.copyOf(built);
        applyFilter();
        status.set(Status.SHOWN);
        message.set(
                records.size() == 0
                        ? messages.get("medical.empty")
                        : messages.get(
                                "medical.shown",
                                records.size(),
                                found.consentExpiresAt() == null
                                        ? "-"
                                        : DateTimeFormatter.ofPattern("MM/dd HH:mm")
                                                .withZone(ZoneId.of("Asia/Tokyo"))
                                                .format(found.consentExpiresAt())));
    }

    private void showRefusal(MedicalOutcome<?> outcome) {
        Status s = switch (outcome) {
            case MedicalOutcome.Found<?> f -> Status.SHOWN;
            case MedicalOutcome.NoConsent<?> n -> Status.NO_CONSENT;
            case MedicalOutcome.ConsentExpired<?> e -> Status.CONSENT_EXPIRED;
            case MedicalOutcome.NotFound<?> n -> Status.NOT_FOUND;
            case MedicalOutcome.NotAnswered<?> u -> Status.UNAVAILABLE;
        };
        status.set(s);
        message.set(messages.get("medical.status." + s));
    }

    private void clear() {
        allRows = List.of();
        allDrugs = List.of();
        checkups.clear();
        applyFilter();
    }

    private String summary(CheckupResult c) {
        StringBuilder text = new StringBuilder();
        for (CheckupItem item : List.of(
                CheckupItem.HBA1C,
                CheckupItem.SYSTOLIC_BP,
                CheckupItem.DIASTOLIC_BP,
                CheckupItem.BMI,
                CheckupItem.LDL)) {
            c.value(item)
                    .ifPresent(v -> text.append(text.isEmpty() ? "" : " · ")
                            .append(ReasonTexts.checkupItem(item, messages))
                            .append(' ')
                            .append(v.toPlainString()));
        }
        return text.toString();
    }

    /** The text filter narrows rows and the drug timeline (name, detail or facility, case-insensitive). */
    private void applyFilter() {
        String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        rows.setAll(allRows.stream()
                .filter(r -> f.isEmpty()
                        || (r.title() + " " + r.detail() + " " + r.facility())
                                .toLowerCase(Locale.ROOT)
                                .contains(f))
                .toList());
        drugs.setAll(allDrugs.stream()
                .filter(d -> f.isEmpty()
                        || (d.drugName() + " " + d.facility())
                                .toLowerCase(Locale.ROOT)
                                .contains(f))
                .toList());
    }

    /** The checkup values of one item over the years, oldest first (for the line chart). */
    public List<Map.Entry<LocalDate, BigDecimal>> series(CheckupItem item) {
        return checkups.stream()
                .filter(c -> c.value(item).isPresent())
                .map(c -> Map.entry(c.date(), c.value(item).orElseThrow()))
                .toList();
    }

    public static String format(LocalDate date) {
        return DATE.format(date);
    }
}
