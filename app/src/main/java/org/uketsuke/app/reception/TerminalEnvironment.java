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

    /** Runs {@code action} first when the environment closes (screens stop their refresh timers). */
    void onClose(Runnable action);

    @Override
    void close();
}
