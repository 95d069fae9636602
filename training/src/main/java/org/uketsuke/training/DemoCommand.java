package org.uketsuke.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import org.uketsuke.app.config.DataDirectories;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.terminal.Terminal;
import org.uketsuke.app.ui.KioskSpeech;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.app.ui.TerminalApplication;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.Qualification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./uketsuke demo}: the kiosk on embedded defaults, or one scripted visit with no screen. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the kiosk on embedded defaults: virtual card, embedded mock backend, SQLite store.")
public final class DemoCommand implements Callable<Integer> {

    /** Whether the clinic issues e-prescriptions (the kiosk then asks electronic or paper); default on in the demo. */
    public static final String E_PRESCRIPTION_PROPERTY = "uketsuke.ePrescription";

    /** Whether the demo's consent screen asks the PMH question (on unless {@code -Duketsuke.medicalSubsidy=false}). */
    public static final String MEDICAL_SUBSIDY_PROPERTY = "uketsuke.medicalSubsidy";

    @Option(
            names = "--headless",
            description = "No window: place the virtual card, take the PIN path, print the result as JSON.")
    boolean headless;

    @Option(names = "--once", description = "With --headless: one visit, then exit (0 when confirmed).")
    boolean once;

    @Option(
            names = "--visits",
            defaultValue = "1",
            description =
                    "With --headless --once: this many visits in a row, then a line with the process's resident memory.")
    int visits;

    @Option(
            names = "--exit-when-ready",
            hidden = true,
            description =
                    "Window mode: print the time from JVM start to the idle screen and exit (the bench's cold start).")
    boolean exitWhenReady;

    @Option(
            names = "--data-dir",
            description =
                    "Where the demo keeps its backend state, outbox, store and face folder (default: the user's data directory).")
    Path dataDir;

    @Option(
            names = "--reader",
            defaultValue = "virtual",
            description =
                    "Where the card sits: virtual (in-process), vpcd (the virtual card behind real pcscd + vpcd) or "
                            + "pcsc (whatever card is on a PC/SC reader; headless PIN and 照合番号B from UKETSUKE_DEMO_PIN and "
                            + "UKETSUKE_DEMO_COLLATION_B).")
    String reader;

    /** Where the outside card's PIN and 照合番号B are read (the process environment; tests give their own). */
    UnaryOperator<String> environment = System::getenv;

    @Option(
            names = "--reader-name",
            paramLabel = "NAME",
            description = "With --reader pcsc: the reader as `uketsuke reader list` shows it (default: the first one).")
    String readerName;

    @Option(
            names = "--postgres",
            paramLabel = "JDBC_URL",
            description =
                    "Also deliver to a shared PostgreSQL レセコン store (jdbc:postgresql://host:5432/db); password from UKETSUKE_POSTGRES_PASSWORD.")
    String postgresUrl;

    @Option(
            names = "--postgres-user",
            defaultValue = "uketsuke",
            description = "The PostgreSQL login (default uketsuke).")
    String postgresUser;

    @Option(
            names = "--postgres-ca",
            paramLabel = "FILE",
            description = "The PEM file of the CA that issued the PostgreSQL server's certificate (verify-full TLS).")
    Path postgresCa;

    @Option(
            names = "--postgres-allow-plain",
            description = "Connect to PostgreSQL without TLS; only for a server on this machine.")
    boolean postgresAllowPlain;

    @Option(
            names = "--lang",
            defaultValue = "ja",
            description = "Kiosk language at start: ja or en (switchable on screen).")
    String language;

    @Option(
            names = "--speech",
            defaultValue = "off",
            description = "Spoken guidance for each kiosk step (eSpeak NG): off, ja, en or auto.")
    String speech;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : DataDirectories.userData().resolve("demo");
        if (!headless) {
            Messages messages = new Messages("en".equals(language) ? Messages.ENGLISH : Messages.JAPANESE);
            ReaderMode mode = readerMode();
            PostgresTarget postgres = postgres();
            UketsukeConfig.Speech spoken = UketsukeConfig.Speech.valueOf(speech.toUpperCase(Locale.ROOT));
            System.out.println(DemoStaff.banner());
            TerminalApplication.launch(messages, () -> {
                DemoProfile demo;
                try {
                    demo = profile(dir, mode, postgres);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the demo could not start: " + e.getMessage(), e);
                }
                return new TerminalApplication.Session(
                        demo.terminal(), demo, demo.controls(), demo::demoCollationNumberB, (windows, kioskStage) -> {
                            // E-prescriptions are on in the demo: the consent screen also asks the prescription form.
                            windows.kiosk()
                                    .prescriptionChoiceEnabledProperty()
                                    .set(Boolean.parseBoolean(System.getProperty(E_PRESCRIPTION_PROPERTY, "true")));
                            // The demo clinic takes part in PMH: the consent screen asks about 医療費助成 受給者証.
                            windows.kiosk()
                                    .subsidyQuestionEnabledProperty()
                                    .set(Boolean.parseBoolean(System.getProperty(MEDICAL_SUBSIDY_PROPERTY, "true")));
                            KioskSpeech.follow(
                                    windows.kiosk(),
                                    spoken,
                                    demo.terminal().worker("kiosk-speech"),
                                    demo.terminal()::addStaffNotice);
                            if (exitWhenReady) {
                                // The kiosk left its starting screen when the started terminal was attached (its card
                                // watcher runs); after the next pulse the idle screen is on the glass.
                                Platform.runLater(() -> {
                                    long ms = System.currentTimeMillis()
                                            - ManagementFactory.getRuntimeMXBean()
                                                    .getStartTime();
                                    System.out.println("ready " + ms);
                                    System.out.flush();
                                    Platform.exit();
                                });
                            }
                        });
            });
            return 0;
        }
        if (!once) {
            System.err.println("--headless runs one visit: add --once");
            return 2;
        }
        try (DemoProfile env = profile(dir, readerMode(), postgres())) {
            BlockingQueue<VisitSnapshot> snapshots = new LinkedBlockingQueue<>();
            env.terminal().controller().addListener(snapshots::add);
            Consents answers = Consents.all("yes".equals(consent) ? Consent.YES : Consent.NO);
            int exit = 0;
            for (int i = 0; i < visits; i++) {
                exit = Math.max(exit, runOnce(env, snapshots, answers, method));
                awaitIdle(snapshots);
            }
            if (visits > 1) {
                print(json().put("visits", visits)
                        .put("residentKiB", residentKiB())
                        .put(
                                "heapUsedKiB",
                                (Runtime.getRuntime().totalMemory()
                                                - Runtime.getRuntime().freeMemory())
                                        / 1024));
            }
            return exit;
        }
    }

    /** The shared store, or null; the password comes from the environment so it never shows in a process list. */
    private PostgresTarget postgres() {
        return postgresUrl == null
                ? null
                : PostgresTarget.configured(
                        postgresUrl,
                        postgresUser,
                        System.getenv("UKETSUKE_POSTGRES_PASSWORD"),
                        postgresCa,
                        postgresAllowPlain);
    }

    @Option(
            names = "--backend",
            defaultValue = "mock",
            description = "mock (default), or folders: the staff side asks through a simulated 連携アプリ's req/res"
                    + " folders and the certified reader's results are imported from its face folder.")
    String backendKind;

    private DemoProfile profile(Path dir, ReaderMode mode, PostgresTarget postgres) {
        if ("folders".equals(backendKind)) {
            return DemoProfile.startOverFolders(dir, mode, postgres);
        }
        if (!"mock".equals(backendKind)) {
            throw new IllegalArgumentException("--backend is mock or folders, not " + backendKind);
        }
        return mode == ReaderMode.PCSC
                ? DemoProfile.startOnReader(
                        dir,
                        new DemoProfile.OutsideCard(
                                Objects.requireNonNullElse(readerName, ""),
                                Objects.requireNonNullElse(environment.apply("UKETSUKE_DEMO_PIN"), ""),
                                Objects.requireNonNullElse(environment.apply("UKETSUKE_DEMO_COLLATION_B"), "")),
                        postgres)
                : person == 0
                        ? DemoProfile.start(dir, mode, postgres)
                        : DemoProfile.startForPerson(dir, mode, postgres, person);
    }

    @Option(
            names = "--person",
            defaultValue = "0",
            description = "The population person whose virtual card the demo uses (0, the demo patient, by default);"
                    + " e.g. 5: a PMH 医療費助成 recipient, 16: one whose municipality is not connected to PMH,"
                    + " 11 / 30: 医療扶助 with / without a registered 医療券,"
                    + " 47: a new insurance the insurer has not registered yet (資格情報なし, then 要再確認).")
    int person;

    private ReaderMode readerMode() {
        return ReaderMode.valueOf(reader.toUpperCase(Locale.ROOT));
    }

    @Option(
            names = "--method",
            defaultValue = "pin",
            description =
                    "With --headless: how the patient proves they hold the card: pin, face (PIN-less, recorded camera "
                            + "frames) or visual (the staff's 目視確認).")
    String method;

    @Option(
            names = "--consent",
            defaultValue = "no",
            description = "With --headless: the patient's answer to every consent item, yes or no.")
    String consent;

    /** After the card is taken, the kiosk returns to idle before the next patient. */
    private static void awaitIdle(BlockingQueue<VisitSnapshot> snapshots) throws InterruptedException {
        VisitSnapshot last;
        do {
            last = snapshots.poll(10, TimeUnit.SECONDS);
        } while (last != null && last.state() != VisitState.IDLE);
    }

    /** VmRSS of this process (Linux), or -1 elsewhere. */
    private static long residentKiB() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static int runOnce(
            DemoProfile demo, BlockingQueue<VisitSnapshot> snapshots, Consents consents, String method)
            throws InterruptedException {
        Terminal env = demo.terminal();
        demo.demoCard().insert();
        Duration budget = Duration.ofSeconds(60);
        long deadline = System.nanoTime() + budget.toNanos();
        // Wall time per state as the screens see it (the face path's steps in docs/face-path.md).
        ObjectNode stepMillis = json();
        VisitSnapshot previous = null;
        long enteredAt = System.nanoTime();
        while (true) {
            VisitSnapshot snapshot = snapshots.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (snapshot == null) {
                print(json().put("status", "TIMED_OUT"));
                return 1;
            }
            long arrived = System.nanoTime();
            if (previous != null) {
                String state = previous.state().name();
                stepMillis.put(state, stepMillis.path(state).asDouble(0) + (arrived - enteredAt) / 1e6);
            }
            previous = snapshot;
            enteredAt = arrived;
            switch (snapshot.state()) {
                case AWAITING_PIN ->
                    env.controller()
                            .fire(
                                    switch (method) {
                                        // With Tesseract installed the demo card's front is read off the recorded
                                        // camera (issue #10).
                                        case "face" ->
                                            env.cardFrontCapture().isPresent()
                                                    ? new VisitEvent.FacePathChosen()
                                                    : new VisitEvent.FaceChosen(
                                                            new CollationNumberB(demo.demoCollationNumberB()));
                                        case "visual" -> new VisitEvent.VisualCheckRequested();
                                        default -> new VisitEvent.PinEntered(demo.demoPin());
                                    });
                case AWAITING_STAFF_CHECK -> {
                    // The demo receptionist signs in and vouches, as at the console.
                    env.staffSession()
                            .signIn(
                                    DemoStaff.RECEPTIONIST.id(),
                                    DemoStaff.RECEPTIONIST.password().toCharArray());
                    env.staffActions().confirmVisually();
                }
                case CAPTURING_CARD_FRONT -> {} // the flow runs the capture; its answer moves the visit on
                case ENTERING_COLLATION_NUMBER, FACE_PATH_FAILED -> {
                    print(json().put("status", "PROBLEM")
                            .put("problem", snapshot.problem().map(Enum::name).orElse("FACE_PATH")));
                    demo.demoCard().remove();
                    return 1;
                }
                case ASKING_CONSENTS -> env.controller().fire(new VisitEvent.ConsentsGiven(consents));
                case SHOWING_RESULT -> {
                    ConfirmationOutcome.Confirmed confirmed = snapshot.result().orElseThrow();
                    Qualification q = confirmed.qualification();
                    int percent = q.contributionRatio().percent();
                    print(json().put("status", "CONFIRMED")
                            .put("method", method.toUpperCase(Locale.ROOT))
                            .put("insurerNumber", q.card().insurer().value())
                            .put("insurerName", q.insurerName())
                            .put("symbol", q.card().symbol())
                            .put("number", q.card().number())
                            .put("branch", q.card().branch())
                            .put("contributionRatio", String.format(Locale.ROOT, "%03d", percent))
                            .put("contributionPercent", percent)
                            .put("processingTime", confirmed.processingTime())
                            .set("stepMillis", stepMillis));
                    demo.demoCard().remove();
                    return 0;
                }
                case SHOWING_PROBLEM -> {
                    print(json().put("status", "PROBLEM")
                            .put("problem", snapshot.problem().orElseThrow().name()));
                    demo.demoCard().remove();
                    return 1;
                }
                case IDLE,
                        READING_CARD,
                        VERIFYING_PIN,
                        MATCHING_FACE,
                        CONFIRMING,
                        OFFERING_REGISTRATION,
                        REGISTERING -> {}
            }
        }
    }

    private static ObjectNode json() {
        return new ObjectMapper().createObjectNode();
    }

    private static void print(ObjectNode node) {
        System.out.println(node.toString());
        System.out.flush();
    }
}
