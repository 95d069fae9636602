package org.uketsuke.app.terminal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.uketsuke.app.reception.AuditTrail;
import org.uketsuke.app.reception.BatchPreCheck;
import org.uketsuke.app.reception.CardFrontCapture;
import org.uketsuke.app.reception.CardServiceState;
import org.uketsuke.app.reception.ConsistencyCheck;
import org.uketsuke.app.reception.FacePreviewFeed;
import org.uketsuke.app.reception.MedicalViewing;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.app.reception.ReconfirmList;
import org.uketsuke.app.reception.StaffActions;
import org.uketsuke.app.reception.StaffLookup;
import org.uketsuke.app.reception.VisitController;
import org.uketsuke.app.reception.VisitScenario;
import org.uketsuke.app.staff.StaffAccounts;
import org.uketsuke.app.staff.StaffSession;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.exchange.FolderProblem;

/**
 * What the kiosk, staff and medical-information windows need of a running terminal, and nothing more: the screens
 * neither build nor close it, and do not know whether its card and backend are real or simulated.
 */
public interface ScreenServices {

    /** The patient's visit: the kiosk shows its snapshots, the staff console fires the staff's events. */
    VisitController controller();

    /** Each visit's reception record, as the visit ends. */
    void onVisitRecord(Consumer<ReceptionRecord> listener);

    /** Each staff lookup made during an outage, as the system answers it later. */
    void onDeferredLookupRecord(Consumer<ReceptionRecord> listener);

    StaffLookup lookup();

    /** The visits to re-confirm by insurance number (資格無効, 資格情報なし, …: docs/spec-notes/failures.md). */
    ReconfirmList reconfirm();

    /** The 診療区分 of the next card visit (the first visit of a 訪問診療 / オンライン診療), chosen at the console. */
    VisitScenario visitScenario();

    /** 一括照会 of booked patients. */
    BatchPreCheck preCheck();

    /** Outbox and sinks compared (the staff's 整合性 tab). */
    ConsistencyCheck consistency();

    /** The outbox the delivery list reads. */
    RececonBridge bridge();

    /** The newest problem of the req/res folder exchanges (a refused file, a failed pass), or empty. */
    Optional<FolderProblem> folderProblem();

    /** Sends waiting deliveries now (after a staff re-send). */
    void wakeDelivery();

    /** The staff's 診療・薬剤情報 viewer (consented medical information, every view audited). */
    MedicalViewing medicalViewing();

    /**
     * The audit trail: its state for the staff console's alarm area, and {@link AuditTrail#acknowledge} for an
     * administrator (the role check belongs to the caller).
     */
    AuditTrail audit();

    /** Who is signed in at the staff console; lookups, 目視確認 and views are audited under their id. */
    StaffSession staffSession();

    /** The terminal's staff accounts (managed by administrators). */
    StaffAccounts staffAccounts();

    /** 目視確認 and re-sends, each checked for its role. */
    StaffActions staffActions();

    /** Where the staff's exports are written. */
    Path exportFolder();

    /** The terminal's private file of window sizes and positions (the staff console's), owner-only. */
    Path windowSettingsFile();

    /** The card-front capture of the PIN-less face path, or empty where the terminal offers none. */
    Optional<CardFrontCapture> cardFrontCapture();

    /** The face check's live frames while it runs. */
    FacePreviewFeed facePreview();

    /** Where the card service's going away and coming back are reported (on the reader watcher's thread). */
    void onCardService(Consumer<CardServiceState> listener);

    /** Readers whose card waits while another reader's card is in use (several readers: the first card wins). */
    void onWaitingCards(Consumer<List<String>> listener);

    /** What the staff console keeps showing about the terminal as it started (devices it could not use). */
    List<StaffNotice> staffNotices();

    /** Every staff notice: those so far at once, then each new one as it is raised (on the raising thread). */
    void onStaffNotice(Consumer<StaffNotice> listener);

    /**
     * Confirmations made outside this kiosk, as they arrive (the certified reader's results imported from the
     * 連携アプリ's {@code face} folder with the folders backend).
     */
    void onOutsideRecord(Consumer<ReceptionRecord> listener);

    /** The card reader as the staff screen names it. */
    String readerDescription();

    /** A single-thread worker for one screen's slow calls, never the FX thread; stopped with the terminal. */
    Executor worker(String name);

    /** Runs {@code action} first when the terminal closes (screens stop their timers, windows hide). */
    void onClose(Runnable action);
}
