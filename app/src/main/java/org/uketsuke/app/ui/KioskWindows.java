package org.uketsuke.app.ui;

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
    private Stage medicalWindow;

    private KioskWindows(KioskViewModel kiosk, StaffView staff) {
        this.kiosk = kiosk;
        this.staff = staff;
    }

    public static KioskWindows open(DemoEnvironment env, Stage kioskStage, Stage staffStage, Messages messages) {
        return open(env, kioskStage, staffStage, messages, new StaffView.DemoControls() {
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
        }, env::demoCollationNumberB);
    }

    /**
     * The same windows on any environment (the production terminal's too).
     *
     * @param demo the virtual card's controls, or null on a real reader
     * @param collationNumberB where 照合番号B comes from when the patient picks the face check
     */
    public static KioskWindows open(org.uketsuke.app.reception.TerminalEnvironment env, Stage kioskStage,
            Stage staffStage, Messages messages, StaffView.DemoControls demo,
            java.util.function.Supplier<String> collationNumberB) {
        KioskViewModel model = new KioskViewModel(env.controller(), messages, collationNumberB);
        if (env.cardFrontCapture() != null) {
            model.withFacePath(new FacePathModel(env.controller(), env.cardFrontCapture(), Platform::runLater));
        }
        model.withFacePreview(FacePreviewViewModel.fed(env.facePreview(), Platform::runLater, () -> model.messagesProperty().get()));
        KioskView view = new KioskView(model);
        StaffView staff = new StaffView(messages, demo, env.slot().describe(), new LookupViewModel(env.lookup(), LOOKUP_WORKER, Platform::runLater, messages),
                env.controller()::fire, deliveries(env, messages), new PreCheckViewModel(env.preCheck(), PRECHECK_WORKER,
                        Platform::runLater, messages), new ConsistencyViewModel(
                        new org.uketsuke.app.reception.ConsistencyCheck(env.bridge()), OUTBOX_READER, Platform::runLater, messages));

        staff.useStaff(env.staffOnDuty());
        env.controller().addListener(snapshot -> Platform.runLater(() -> {
            model.show(snapshot);
            staff.show(snapshot);
        }));
        env.steps().onRecord(record -> Platform.runLater(() -> staff.add(record)));
        Medical medical = medical(env, staff, messages);
        env.steps().onRecord(record -> Platform.runLater(() -> medical.model().add(record)));
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
        KioskWindows windows = new KioskWindows(model, staff);
        windows.medicalWindow = medical.window();
        return windows;
    }

    private static final java.util.concurrent.Executor MEDICAL_WORKER = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().name("staff-medical").daemon().unstarted(runnable));

    /**
     * The 診療・薬剤情報 viewer (#14) in a window of its own (tables and charts need the room), opened from a tab
     * of the staff console: confirmed patients' drugs, checkups, diagnoses and operations, audited.
     */
    private record Medical(MedicalInfoViewModel model, Stage window) {}

    private static Medical medical(org.uketsuke.app.reception.TerminalEnvironment env, StaffView staff, Messages messages) {
        MedicalInfoViewModel model = new MedicalInfoViewModel(env.medicalViewing(), env.staffOnDuty()::currentId, MEDICAL_WORKER,
                Platform::runLater, messages);
        Stage window = new Stage();
        window.setTitle(messages.get("medical.title"));
        window.setScene(styled(new Scene((javafx.scene.Parent) new MedicalInfoView(model, messages,
                env.dataDir().resolve("exports")).root(), 1100, 760)));
        window.getScene().getRoot().getStyleClass().add("staff-root");
        javafx.scene.control.Button open = new javafx.scene.control.Button(messages.get("medical.open"));
        open.setId("openMedical");
        open.setOnAction(e -> {
            window.show();
            window.toFront();
        });
        javafx.scene.control.Label note = new javafx.scene.control.Label(messages.get("medical.note"));
        note.setWrapText(true);
        javafx.scene.layout.VBox content = new javafx.scene.layout.VBox(10, note, open);
        content.setPadding(new javafx.geometry.Insets(12));
        javafx.scene.control.Tab tab = new javafx.scene.control.Tab(messages.get("medical.title"), content);
        tab.setId("medicalTab");
        staff.addTab(tab);
        env.onClose(() -> Platform.runLater(window::hide));
        return new Medical(model, window);
    }

    /** The 診療・薬剤情報 window (hidden until staff open it). */
    public Stage medicalWindow() {
        return medicalWindow;
    }

    /** The delivery list refreshes every 2 s while the staff window is open (each refresh reads off the FX thread). */
    private static DeliveriesViewModel deliveries(org.uketsuke.app.reception.TerminalEnvironment env, Messages messages) {
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
        return Theme.apply(scene);
    }
}
