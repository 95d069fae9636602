package org.uketsuke.app.ui;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.uketsuke.app.staff.PasswordHash;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffAdministration;
import org.uketsuke.app.staff.StaffMember;
import org.uketsuke.app.staff.StaffSession;
import org.uketsuke.app.terminal.ScreenServices;

/**
 * Opens the patient kiosk, the staff console and the medical-information window on a running terminal's
 * {@link ScreenServices}; FX thread only. The same windows serve a counter and the training package's demo.
 */
public final class KioskWindows {

    /** Brings the staff console up over the kiosk, or back behind it, where both share one screen. */
    public static final KeyCombination STAFF_SHORTCUT =
            new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final KioskViewModel kiosk;
    private final StaffView staff;
    private final Stage staffStage;
    private final Medical medical;

    private KioskWindows(KioskViewModel kiosk, StaffView staff, Stage staffStage, Medical medical) {
        this.kiosk = kiosk;
        this.staff = staff;
        this.staffStage = staffStage;
        this.medical = medical;
    }

    /**
     * @param demo the virtual card's controls, or null on a real reader
     * @param collationNumberB where 照合番号B comes from when the patient picks the face check
     */
    public static KioskWindows open(
            ScreenServices services,
            Stage kioskStage,
            Stage staffStage,
            Messages messages,
            StaffView.DemoControls demo,
            Supplier<String> collationNumberB) {
        return showStarting(kioskStage, messages).attach(services, staffStage, demo, collationNumberB);
    }

    /**
     * The kiosk window shown at once, before its terminal exists, on its starting screen: the kiosk's views and the
     * window's first style, layout and drawing pass then run while the terminal starts instead of after it (cold start,
     * docs/tuning.md). {@link Starting#attach} makes it the idle kiosk and opens the staff console.
     */
    public static Starting showStarting(Stage kioskStage, Messages messages) {
        // Before the first control: JavaFX then never loads its own theme (Modena) only to have it replaced.
        Theme.useBase();
        KioskViewModel model = KioskViewModel.starting(messages);
        FacePreviewViewModel preview = FacePreviewViewModel.unfed(messages);
        model.withFacePreview(preview);
        KioskView view = KioskView.startingScreen(model);
        StartTrace.mark("kiosk view built");
        kioskStage.setTitle(messages.get("app.title"));
        kioskStage.setScene(styled(new Scene(view.root(), 1024, 768)));
        // Side by side on one screen in the demo; on a counter the staff window goes to the second monitor.
        kioskStage.setX(0);
        kioskStage.setY(0);
        kioskStage.show();
        return new Starting(model, view, preview, messages);
    }

    /** The kiosk on its starting screen, waiting for the terminal. FX thread only. */
    public static final class Starting {
        private final KioskViewModel model;
        private final KioskView view;
        private final FacePreviewViewModel preview;
        private final Messages messages;

        private Starting(KioskViewModel model, KioskView view, FacePreviewViewModel preview, Messages messages) {
            this.model = model;
            this.view = view;
            this.preview = preview;
            this.messages = messages;
        }

        /** The kiosk model (tests look at its starting screen). */
        public KioskViewModel kiosk() {
            return model;
        }

        /**
         * The terminal has started: the kiosk follows its visits (a card placed while it was starting shows at once:
         * the controller hands its current snapshot to a new follower) and the staff console opens.
         *
         * @param demo the virtual card's controls, or null on a real reader
         * @param collationNumberB where 照合番号B comes from when the patient picks the face check
         */
        public KioskWindows attach(
                ScreenServices services,
                Stage staffStage,
                StaffView.DemoControls demo,
                Supplier<String> collationNumberB) {
            services.cardFrontCapture()
                    .ifPresent(capture ->
                            model.withFacePath(new FacePathModel(services.controller(), capture, Platform::runLater)));
            view.addFacePath();
            preview.follow(
                    services.facePreview(),
                    Platform::runLater,
                    () -> model.messagesProperty().get());
            KioskWindows windows = KioskWindows.attach(services, model, staffStage, messages, demo, collationNumberB);
            // The visit's screens join the kiosk's scene next, behind the idle screen (a visit already under way has
            // added them as its snapshot was shown); their style and layout pass is no part of the first frame.
            Platform.runLater(view::addVisitScreens);
            return windows;
        }
    }

    private static KioskWindows attach(
            ScreenServices services,
            KioskViewModel model,
            Stage staffStage,
            Messages messages,
            StaffView.DemoControls demo,
            Supplier<String> collationNumberB) {
        // Staff lookups one at a time; a batch pre-check (seconds to minutes) on its own worker so lookups stay quick;
        // the outbox read for the delivery list and the consistency check. Never on the FX thread.
        Executor outboxReader = services.worker("staff-outbox");
        StaffView staff = new StaffView(
                messages,
                demo,
                services.readerDescription(),
                new LookupViewModel(services.lookup(), services.worker("staff-lookup"), Platform::runLater, messages),
                services.staffActions(),
                services.staffSession()::signOut,
                deliveries(services, outboxReader, messages),
                new PreCheckViewModel(
                        services.preCheck(), services.worker("staff-precheck"), Platform::runLater, messages),
                new ConsistencyViewModel(services.consistency(), outboxReader, Platform::runLater, messages));

        staff.addAuditAlarm(new AuditAlarmViewModel(
                services.audit(),
                services.staffSession(),
                services.worker("staff-audit"),
                Platform::runLater,
                messages));
        model.attach(services.controller(), collationNumberB);
        services.controller()
                .follow(snapshot -> Platform.runLater(() -> {
                    model.show(snapshot);
                    staff.show(snapshot);
                }));
        // The notices so far come at once (on the FX thread here), later ones from the thread that raised them.
        services.onStaffNotice(notice -> onFxThread(() -> staff.addNotice(
                notice.topic(), messages.get(notice.key(), notice.args().toArray()))));
        services.onCardService(state -> Platform.runLater(() -> {
            model.showCardService(state);
            staff.showCardService(state);
        }));
        services.onVisitRecord(record -> Platform.runLater(() -> staff.add(record)));
        services.onWaitingCards(readers -> Platform.runLater(() -> model.showWaitingCards(readers)));
        Medical medical = medical(services, staff, messages);
        staff.addTab(ReferenceNumberView.tab(
                new ReferenceNumberViewModel(
                        services.lookup()::registerReferenceNumbers,
                        services.lookup()::confirmationsAllowed,
                        services.worker("staff-reference"),
                        Platform::runLater,
                        messages),
                messages));
        ReconfirmViewModel reconfirm = new ReconfirmViewModel(
                services.reconfirm(), services.worker("staff-reconfirm"), Platform::runLater, messages);
        staff.addTab(ReconfirmView.tab(reconfirm, messages));
        services.reconfirm().onRecord(record -> Platform.runLater(() -> staff.add(record)));
        reconfirm.refresh();
        HomeVisitViewModel homeVisit = new HomeVisitViewModel(
                services.preCheck(),
                services.visitScenario(),
                Clock.systemDefaultZone(),
                services.worker("staff-homevisit"),
                Platform::runLater,
                messages);
        staff.addTab(HomeVisitView.tab(homeVisit, messages, staff::add));
        services.onVisitRecord(record -> Platform.runLater(homeVisit::refreshNextVisit));
        services.onVisitRecord(record -> Platform.runLater(() -> medical.model().add(record)));
        services.onDeferredLookupRecord(record -> Platform.runLater(() -> staff.add(record)));
        services.onOutsideRecord(record -> Platform.runLater(() -> staff.add(record)));
        // With the folders backend the certified reader's results are the visits: their patients are viewable too.
        services.onOutsideRecord(
                record -> Platform.runLater(() -> medical.model().add(record)));

        StartTrace.mark("staff console built");
        staffStage.setTitle(messages.get("staff.title"));
        staffStage.setScene(styled(new Scene(signedInOnly(services, staff, medical, messages))));
        ConsoleWindow.place(staffStage, services.windowSettingsFile(), services.worker("staff-window"));
        staffStage.show();
        return new KioskWindows(model, staff, staffStage, medical);
    }

    /**
     * The 診療・薬剤情報 viewer (#14) in a window of its own (tables and charts need the room), opened from a tab
     * of the staff console: confirmed patients' drugs, checkups, diagnoses and operations, audited.
     */
    private static final class Medical {
        private final MedicalInfoViewModel model;
        private final Supplier<Stage> build;
        private Stage window;

        Medical(MedicalInfoViewModel model, Supplier<Stage> build) {
            this.model = model;
            this.build = build;
        }

        MedicalInfoViewModel model() {
            return model;
        }

        /** Built when first opened: its tables and charts are no part of the idle screens (cold start, #23). */
        Stage window() {
            if (window == null) {
                window = build.get();
            }
            return window;
        }

        void hide() {
            if (window != null) {
                window.hide();
            }
        }
    }

    private static Medical medical(ScreenServices services, StaffView staff, Messages messages) {
        MedicalInfoViewModel model = new MedicalInfoViewModel(
                services.medicalViewing(),
                services.staffSession(),
                services.worker("staff-medical"),
                Platform::runLater,
                messages);
        Medical medical = new Medical(model, () -> {
            Stage window = new Stage();
            window.setTitle(messages.get("medical.title"));
            window.setScene(styled(new Scene(
                    (Parent) new MedicalInfoView(model, messages, services.exportFolder()).root(), 1100, 760)));
            window.getScene().getRoot().getStyleClass().add("staff-root");
            return window;
        });
        Button open = new Button(messages.get("medical.open"));
        open.setId("openMedical");
        open.setOnAction(e -> {
            medical.window().show();
            medical.window().toFront();
        });
        Label note = new Label(messages.get("medical.note"));
        note.setWrapText(true);
        VBox content = new VBox(10, note, open);
        content.setPadding(new Insets(12));
        Tab tab = new Tab(messages.get("medical.title"), content);
        tab.setId("medicalTab");
        staff.addTab(tab);
        services.onClose(() -> onFxThread(medical::hide));
        return medical;
    }

    /**
     * The staff console behind its sign-in: the sign-in screen covers it until someone signs in, and again when they
     * sign out or the console has been idle too long (then the medical window closes too). The administrators'
     * スタッフ tab is open only to them.
     */
    private static Parent signedInOnly(ScreenServices services, StaffView staff, Medical medical, Messages messages) {
        StaffSession session = services.staffSession();
        Executor worker = services.worker("staff-signin");
        LoginViewModel login =
                new LoginViewModel(session, services.staffAccounts(), worker, Platform::runLater, messages);
        LoginView loginView = new LoginView(login, messages);
        Tab accounts = StaffAccountsView.tab(
                new StaffAccountsViewModel(
                        new StaffAdministration(services.staffAccounts(), session, PasswordHash.Parameters.DEFAULT),
                        worker,
                        Platform::runLater,
                        messages),
                messages);
        staff.addTab(accounts);
        // The console joins the scene at the first sign-in, not before: a node in the scene is styled and skinned
        // even while hidden, and the console's tabs, tables and lists were a quarter of the cold start
        // (docs/tuning.md).
        StackPane root = new StackPane(loginView.root());
        Consumer<Optional<StaffMember>> show = member -> {
            boolean in = member.isPresent();
            if (in && staff.root().getParent() == null) {
                root.getChildren().addFirst(staff.root());
            }
            staff.root().setVisible(in);
            loginView.root().setVisible(!in);
            staff.showMember(member);
            accounts.setDisable(!member.map(m -> m.has(Role.ADMINISTRATOR)).orElse(false));
            if (!in) {
                medical.hide();
                login.refresh();
            }
        };
        show.accept(session.current());
        session.onChange(member -> Platform.runLater(() -> show.accept(member)));
        // Any key or click at the console counts as activity; a timer locks it once the idle time has passed.
        root.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> session.touch());
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> session.touch());
        Timeline idle = new Timeline(new KeyFrame(Duration.seconds(5), e -> session.lockIfIdle()));
        idle.setCycleCount(Animation.INDEFINITE);
        idle.play();
        services.onClose(() -> onFxThread(idle::stop));
        return root;
    }

    /**
     * The counter's layout ({@link ScreenLayout}): the kiosk covers its screen — bounds set explicitly, so it does
     * without a window manager, and full screen where there is one — and the staff console goes to its own screen, or
     * on a shared screen waits hidden for {@link #STAFF_SHORTCUT} (pressed on either window).
     */
    public void place(Stage kioskStage, ScreenLayout.Placement placement) {
        coverScreen(kioskStage, placement.kiosk());
        cover(staffStage, placement.staff());
        if (placement.staffOnOwnScreen()) {
            return;
        }
        staffStage.setAlwaysOnTop(true);
        staffStage.hide();
        EventHandler<KeyEvent> toggle = e -> {
            if (STAFF_SHORTCUT.match(e)) {
                e.consume();
                if (staffStage.isShowing()) {
                    staffStage.hide();
                } else {
                    staffStage.show();
                    staffStage.toFront();
                }
            }
        };
        kioskStage.getScene().addEventFilter(KeyEvent.KEY_PRESSED, toggle);
        staffStage.getScene().addEventFilter(KeyEvent.KEY_PRESSED, toggle);
    }

    /** The kiosk over its whole screen: bounds set explicitly (no window manager needed), then full screen. */
    static void coverScreen(Stage kioskStage, ScreenLayout.Area screen) {
        cover(kioskStage, screen);
        kioskStage.setFullScreenExitHint("");
        kioskStage.setFullScreen(true);
    }

    /** Whether {@code factor} is a UI scale the kiosk takes (0.5 to 4; not NaN). */
    public static boolean acceptsUiScale(double factor) {
        return factor >= 0.5 && factor <= 4;
    }

    /**
     * Fixes the toolkit's UI scale before it starts: GTK and Windows glass then draw and place touches with the same
     * factor, whatever a window manager (or its absence, as under {@code xinit}) would report.
     */
    public static void fixUiScale(double factor) {
        System.setProperty("glass.gtk.uiScale", Double.toString(factor));
        System.setProperty("glass.win.uiScale", Double.toString(factor));
    }

    private static void cover(Stage stage, ScreenLayout.Area area) {
        stage.setX(area.x());
        stage.setY(area.y());
        stage.setWidth(area.width());
        stage.setHeight(area.height());
    }

    /** The connected screens as {@link ScreenLayout} reads them, the primary first. */
    public static List<ScreenLayout.Screen> screens() {
        List<ScreenLayout.Screen> screens = new ArrayList<>();
        Screen primary = Screen.getPrimary();
        screens.add(screen(primary));
        Screen.getScreens().stream()
                .filter(other -> !other.equals(primary))
                .sorted(Comparator.comparingDouble(
                                (Screen other) -> other.getBounds().getMinX())
                        .thenComparingDouble(other -> other.getBounds().getMinY()))
                .forEach(other -> screens.add(screen(other)));
        return screens;
    }

    private static ScreenLayout.Screen screen(Screen screen) {
        return new ScreenLayout.Screen(area(screen.getBounds()), area(screen.getVisualBounds()));
    }

    private static ScreenLayout.Area area(Rectangle2D r) {
        return new ScreenLayout.Area(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
    }

    /** The 診療・薬剤情報 window (hidden until staff open it; built on first use). FX thread only. */
    public Stage medicalWindow() {
        return medical.window();
    }

    /** The delivery list refreshes every 2 s while the staff window is open (each refresh reads off the FX thread). */
    private static DeliveriesViewModel deliveries(ScreenServices services, Executor outboxReader, Messages messages) {
        DeliveriesViewModel model = new DeliveriesViewModel(
                services.bridge(),
                services.staffActions()::resend,
                outboxReader,
                Platform::runLater,
                messages,
                services::folderProblem);
        Timeline refresh = new Timeline(new KeyFrame(Duration.seconds(2), e -> model.refresh()));
        refresh.setCycleCount(Animation.INDEFINITE);
        refresh.play();
        services.onClose(() -> onFxThread(refresh::stop));
        model.refresh();
        return model;
    }

    /**
     * At once on the FX thread, else posted to it. When the terminal closes from the FX thread (the application's stop)
     * a posted stop could let a timeline fire first and hand work to a worker the terminal has just shut down.
     */
    private static void onFxThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
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
