package org.uketsuke.app.ui;

import java.util.Objects;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.uketsuke.app.demo.DemoEnvironment;

/** Opens the patient kiosk and the staff console for a running demo environment; FX thread only. */
public final class KioskWindows {

    /** Staff lookups run here: one at a time, never on the FX thread. */
    private static final java.util.concurrent.Executor LOOKUP_WORKER = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().name("staff-lookup").daemon().unstarted(runnable));

    /** The outbox is read here for the staff's delivery list. */
    private static final java.util.concurrent.Executor OUTBOX_READER = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().name("staff-outbox").daemon().unstarted(runnable));
    /** A batch pre-check runs for seconds to minutes: its own worker, so lookups stay quick meanwhile. */
    private static final java.util.concurrent.Executor PRECHECK_WORKER = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().name("staff-precheck").daemon().unstarted(runnable));

    private final KioskViewModel kiosk;
    private final StaffView staff;

    private KioskWindows(KioskViewModel kiosk, StaffView staff) {
        this.kiosk = kiosk;
        this.staff = staff;
    }

    public static KioskWindows open(DemoEnvironment env, Stage kioskStage, Stage staffStage, Messages messages) {
        KioskViewModel model = new KioskViewModel(env.controller(), messages, env::demoCollationNumberB);
        if (env.cardFrontCapture() != null) {
            model.withFacePath(new FacePathModel(env.controller(), env.cardFrontCapture()));
        }
        KioskView view = new KioskView(model);
        StaffView staff = new StaffView(messages, new StaffView.DemoControls() {
            @Override
            public void placeCard() {
                env.demoCard().insert();
            }

            @Override
            public void removeCard() {
                env.demoCard().remove();
            }

            @Override
            public String demoPin() {
                return env.demoPin();
            }
        }, env.slot().describe(), new LookupViewModel(env.lookup(), LOOKUP_WORKER, Platform::runLater, messages),
                env.controller()::fire, deliveries(env, messages), new PreCheckViewModel(env.preCheck(), PRECHECK_WORKER,
                        Platform::runLater, messages), new ConsistencyViewModel(
                        new org.uketsuke.app.reception.ConsistencyCheck(env.bridge()), OUTBOX_READER, Platform::runLater, messages));

        env.controller().addListener(snapshot -> Platform.runLater(() -> {
            model.show(snapshot);
            staff.show(snapshot);
        }));
        env.steps().onRecord(record -> Platform.runLater(() -> staff.add(record)));
        env.pendingLookups().onRecord(record -> Platform.runLater(() -> staff.add(record)));

        kioskStage.setTitle(messages.get("app.title"));
        kioskStage.setScene(styled(new Scene(view.root(), 1024, 768)));
        staffStage.setTitle(messages.get("staff.title"));
        staffStage.setScene(styled(new Scene(staff.root(), 900, 700)));
        // Side by side on one screen in the demo; on a counter the staff window goes to the second monitor.
        kioskStage.setX(0);
        kioskStage.setY(0);
        staffStage.setX(1040);
        staffStage.setY(0);
        kioskStage.show();
        staffStage.show();
        return new KioskWindows(model, staff);
    }

    /** The delivery list refreshes every 2 s while the staff window is open (each refresh reads off the FX thread). */
    private static DeliveriesViewModel deliveries(DemoEnvironment env, Messages messages) {
        DeliveriesViewModel model = new DeliveriesViewModel(env.bridge(), env.delivery()::wake, OUTBOX_READER,
                Platform::runLater, messages);
        javafx.animation.Timeline refresh = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.seconds(2), e -> model.refresh()));
        refresh.setCycleCount(javafx.animation.Animation.INDEFINITE);
        refresh.play();
        env.onClose(() -> Platform.runLater(refresh::stop));
        model.refresh();
        return model;
    }

    public KioskViewModel kiosk() {
        return kiosk;
    }

    public StaffView staff() {
        return staff;
    }

    private static Scene styled(Scene scene) {
        scene.getStylesheets().add(Objects.requireNonNull(
                KioskWindows.class.getResource("kiosk.css"), "kiosk.css on the class path").toExternalForm());
        return scene;
    }
}
