package org.uketsuke.app.terminal;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.uketsuke.app.reception.AuditTrail;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.folders.face.FaceFolderImporter;

/**
 * What the terminal does with an alert of the face-folder importer (docs/decisions/0012-folders-backend.md): a staff
 * notice worded {@code staff.faceImport.<kind>} — when, which file, where — and, for the 連携アプリ's {@code face} folder
 * going away and coming back, an audit entry (method {@code FACE_FOLDER}, outcome {@code UNREACHABLE} or
 * {@code REACHABLE_AGAIN}, ref {@code face}). The two folder notices share one topic: the console shows the latest.
 */
public final class FaceFolderAlerts implements Consumer<FaceFolderImporter.Alert> {

    /** The topic of the folder's notices: "back" takes the place of "gone". */
    public static final String FOLDER_TOPIC = "faceImport.folder";

    public static final String AUDIT_METHOD = "FACE_FOLDER";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Path face;
    private final Path setAside;
    private final ZoneId zone;
    private final Consumer<StaffNotice> notices;
    private final Optional<AuditTrail> audit;

    /**
     * @param setAside where unreadable files are copied ({@code <data>/face-set-aside})
     * @param audit the terminal's audit trail, or empty (the demo without one)
     */
    public FaceFolderAlerts(
            Path face, Path setAside, ZoneId zone, Consumer<StaffNotice> notices, Optional<AuditTrail> audit) {
        this.face = face;
        this.setAside = setAside;
        this.zone = zone;
        this.notices = notices;
        this.audit = audit;
    }

    @Override
    public void accept(FaceFolderImporter.Alert alert) {
        notices.accept(notice(alert));
        String outcome = switch (alert.kind()) {
            case FOLDER_UNREACHABLE -> "UNREACHABLE";
            case FOLDER_BACK -> "REACHABLE_AGAIN";
            case SET_ASIDE -> null;
        };
        if (outcome != null) {
            audit.ifPresent(trail -> trail.append(
                    new AuditEvent(alert.at(), trail.terminalId(), "", AUDIT_METHOD, outcome, "", "", "face")));
        }
    }

    /** The staff console's words for an importer alert. */
    public StaffNotice notice(FaceFolderImporter.Alert alert) {
        String at = TIME.format(alert.at().atZone(zone));
        return switch (alert.kind()) {
            case SET_ASIDE ->
                new StaffNotice("staff.faceImport.SET_ASIDE", List.of(at, alert.fileName(), setAside.toString()));
            case FOLDER_UNREACHABLE ->
                new StaffNotice("staff.faceImport.FOLDER_UNREACHABLE", List.of(at, face.toString()), FOLDER_TOPIC);
            case FOLDER_BACK ->
                new StaffNotice(
                        "staff.faceImport.FOLDER_BACK", List.of(at, face.toString(), alert.detail()), FOLDER_TOPIC);
        };
    }
}
