package org.uketsuke.app.production;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.reception.AuditTrail;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.app.terminal.Closer;
import org.uketsuke.app.terminal.FaceFolderAlerts;
import org.uketsuke.app.terminal.StaffNotice;
import org.uketsuke.app.terminal.Terminal;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.folders.FolderSettings;
import org.uketsuke.folders.face.FaceFolderImporter;
import org.uketsuke.folders.face.PatientDirectory;

/**
 * The folders backend in a production terminal (docs/decisions/0012-folders-backend.md): the client's settings from
 * the configuration, and the face-folder importer feeding the terminal's outbox, its reception list, its staff
 * notices and its audit trail.
 */
final class FolderImports {

    static final String LEDGER = "face-import.db";
    static final String SET_ASIDE = "face-set-aside";

    private FolderImports() {}

    static FolderSettings settings(UketsukeConfig.Folders folders, String institutionCode) {
        return new FolderSettings(
                folders.face(),
                folders.req(),
                folders.res(),
                folders.charset(),
                folders.poll(),
                folders.timeout(),
                folders.attempts(),
                institutionCode);
    }

    /**
     * Starts importing {@code face} into the terminal's outbox: each result on the reception list (and its delivery
     * woken), each alert a staff notice (the folder's going away and coming back audited too). The importer and its
     * polling close with the terminal, before the outbox does (the closer closes the last opened first).
     */
    static void start(UketsukeConfig.Folders folders, Path dataDir, Terminal terminal, Closer closer) {
        FaceFolderImporter importer = closer.open(importer(
                folders,
                dataDir,
                terminal.bridge(),
                settle(folders.poll()),
                record -> {
                    terminal.addOutsideRecord(record);
                    terminal.wakeDelivery();
                },
                alerts(folders, dataDir, terminal::addStaffNotice, Optional.of(terminal.audit()))));
        closer.open(importer.poll(folders.poll()));
    }

    /** The terminal's handling of the importer's alerts: notices in the console's words, folder events audited. */
    static FaceFolderAlerts alerts(
            UketsukeConfig.Folders folders, Path dataDir, Consumer<StaffNotice> notices, Optional<AuditTrail> audit) {
        return new FaceFolderAlerts(folders.face(), dataDir.resolve(SET_ASIDE), ZoneId.systemDefault(), notices, audit);
    }

    /** The importer of {@code face}, its ledger and set-aside folder in the data folder, wired to the console. */
    static FaceFolderImporter importer(
            UketsukeConfig.Folders folders,
            Path dataDir,
            RececonBridge bridge,
            Duration settle,
            Consumer<ReceptionRecord> records,
            Consumer<FaceFolderImporter.Alert> alerts) {
        FaceFolderImporter importer = new FaceFolderImporter(
                new FaceFolderImporter.Settings(
                        folders.face(),
                        dataDir.resolve(LEDGER),
                        dataDir.resolve(SET_ASIDE),
                        folders.archive().orElse(null),
                        settle),
                bridge,
                PatientDirectory.of(bridge),
                Clock.systemUTC());
        importer.onImported(imported -> records.accept(ReceptionRecord.imported(imported)));
        importer.onAlert(alerts);
        return importer;
    }

    /** A file must sit unchanged for two polls, and at least a second, before it is read. */
    static Duration settle(Duration poll) {
        Duration twice = poll.multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : twice;
    }
}
