package org.uketsuke.app.reception;

import org.uketsuke.bridge.DeliveryWorker;
import org.uketsuke.bridge.RececonBridge;

/**
 * What the kiosk and staff windows run on: the demo's embedded parts or a production terminal built from its
 * configuration. The windows only see this, so both open the same screens.
 */
public interface TerminalEnvironment extends AutoCloseable {

    CardSlot slot();

    VisitController controller();

    ReceptionSteps steps();

    StaffLookup lookup();

    RececonBridge bridge();

    DeliveryWorker delivery();

    PendingLookups pendingLookups();

    BatchPreCheck preCheck();

    /** The staff's 診療・薬剤情報 viewer (consented medical information, every view audited). */
    MedicalViewing medicalViewing();

    /** Where the terminal keeps its local files (stores, audit log, exports). */
    java.nio.file.Path dataDir();

    /** Who is at the staff screen (担当者); the staff's lookups and views are audited under their id. */
    StaffOnDuty staffOnDuty();

    /** The card-front capture of the PIN-less face path, or null where the terminal offers no face path. */
    default CardFrontCapture cardFrontCapture() {
        return null;
    }

    /** The face check's live frames for the kiosk screen while it runs. */
    FacePreviewFeed facePreview();

    /** Runs {@code action} first when the environment closes (screens stop their refresh timers). */
    void onClose(Runnable action);

    @Override
    void close();
}
