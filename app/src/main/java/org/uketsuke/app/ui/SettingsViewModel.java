package org.uketsuke.app.ui;

import java.io.IOException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigProblem;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.ConfigWriter;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.production.TerminalDiagnostics;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.NotPermitted;
import org.uketsuke.app.staff.Role;

/**
 * The staff console's settings: one text per configuration key, checked by the same {@link ConfigParser} that
 * {@code kiosk --config} uses (so what the screen accepts, the kiosk starts with), each problem shown beside its
 * field; live checks of the reader, camera, certificate and backend; Save writes the file atomically. Every check and
 * the save run on the worker, results come back on the FX executor.
 */
public final class SettingsViewModel {

    /** The keys the screen shows, grouped as on screen; {@code staff.*} lines and unknown-to-screen keys are kept. */
    public static final Map<String, List<String>> SECTIONS = sections();

    /**
     * Keys shown but never written from the screen: they start code ({@code java_options} reaches the launcher's
     * command line), so only someone who can edit {@code uketsuke.conf} on the machine changes them.
     */
    public static final Set<String> READ_ONLY = Set.of("java_options");

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneId.systemDefault());

    private final Map<String, StringProperty> fields = new LinkedHashMap<>();
    private final Map<String, String> kept = new LinkedHashMap<>();
    /** Key → what is wrong with it, in the screen's language; empty when the form reads. */
    public final ObservableMap<String, String> problems = FXCollections.observableHashMap();

    public final ObservableList<String> readers = FXCollections.observableArrayList();
    public final StringProperty readerStatus = new SimpleStringProperty("");
    public final StringProperty cameraStatus = new SimpleStringProperty("");
    public final StringProperty certificateStatus = new SimpleStringProperty("");
    public final StringProperty connectionStatus = new SimpleStringProperty("");
    public final StringProperty saveStatus = new SimpleStringProperty("");
    public final BooleanProperty busy = new SimpleBooleanProperty(false);

    private final Path file;
    private final TerminalDiagnostics diagnostics;
    private final Executor worker;
    private final Executor fx;
    private final Messages messages;
    private final Authorizer staff;
    private final Map<String, String> original;

    /**
     * @param file where Save writes
     * @param current the configuration the terminal runs on
     * @param staff who is signed in: saving needs an administrator
     */
    public SettingsViewModel(
            Path file,
            UketsukeConfig current,
            TerminalDiagnostics diagnostics,
            Executor worker,
            Executor fx,
            Messages messages,
            Authorizer staff) {
        this.staff = staff;
        this.file = file;
        this.diagnostics = diagnostics;
        this.worker = worker;
        this.fx = fx;
        this.messages = messages;
        Map<String, String> values = ConfigWriter.fields(current);
        this.original = values;
        for (String key : ConfigParser.KEYS) {
            fields.put(key, new SimpleStringProperty(values.getOrDefault(key, "")));
        }
        values.forEach((key, value) -> {
            if (!fields.containsKey(key)) {
                kept.put(key, value);
            }
        });
        fields.values().forEach(field -> field.addListener((obs, was, now) -> validate()));
    }

    public StringProperty field(String key) {
        StringProperty field = fields.get(key);
        if (field == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return field;
    }

    /** The file the form would write now. */
    public String text() {
        Map<String, String> all = new LinkedHashMap<>();
        fields.forEach((key, field) -> {
            String value = READ_ONLY.contains(key)
                    ? original.getOrDefault(key, "")
                    : field.get() == null ? "" : field.get().strip();
            // An empty optional key means "the default"; the file then leaves it out.
            if (!value.isEmpty() || isRequired(key)) {
                all.put(key, value);
            }
        });
        all.putAll(kept);
        return ConfigWriter.text(all);
    }

    private static boolean isRequired(String key) {
        return List.of("terminal.id", "institution.code", "backend.url", "tls.trusted_cas", "data_dir")
                .contains(key);
    }

    /** Checks the form; each problem lands beside its field. */
    public ConfigResult validate() {
        ConfigResult result = ConfigParser.parse(text());
        problems.clear();
        if (result instanceof ConfigResult.Invalid invalid) {
            for (ConfigProblem problem : invalid.problems()) {
                problems.merge(problem.key(), ReasonTexts.configReason(problem, messages), (a, b) -> a + " / " + b);
            }
        }
        return result;
    }

    /** Writes the file when the form reads; the terminal uses it from its next start. */
    public void save() {
        try {
            staff.require(Role.ADMINISTRATOR);
        } catch (NotPermitted e) {
            saveStatus.set(messages.get("staff.notPermitted"));
            return;
        }
        if (!(validate() instanceof ConfigResult.Ok)) {
            saveStatus.set(messages.get("settings.save.invalid", problems.size()));
            return;
        }
        String text = text();
        run(
                () -> {
                    try {
                        ConfigWriter.save(file, text);
                        return messages.get("settings.save.done", file);
                    } catch (IOException e) {
                        return messages.get("settings.save.failed", file, e.getMessage());
                    }
                },
                saveStatus::set);
    }

    public void refreshReaders() {
        run(diagnostics::readers, found -> {
            switch (found) {
                case TerminalDiagnostics.Readers.Listed listed -> {
                    readers.setAll(listed.readers().stream()
                            .map(TerminalDiagnostics.Reader::name)
                            .toList());
                    readerStatus.set(
                            listed.readers().isEmpty()
                                    ? messages.get("settings.reader.none")
                                    : String.join(
                                            "\n",
                                            listed.readers().stream()
                                                    .map(r -> r.name() + "  "
                                                            + messages.get(
                                                                    r.cardPresent()
                                                                            ? "settings.reader.card"
                                                                            : "settings.reader.noCard"))
                                                    .toList()));
                }
                case TerminalDiagnostics.Readers.ServiceDown down -> {
                    readers.clear();
                    readerStatus.set(messages.get("settings.reader.serviceDown", down.reason()));
                }
            }
        });
    }

    public void testCamera() {
        String device = field("camera").get().strip();
        if (device.equals("none")
                || problems.containsKey("camera")
                || problems.containsKey("camera.width")
                || problems.containsKey("camera.height")
                || problems.containsKey("camera.fps")) {
            cameraStatus.set(messages.get("settings.camera.none"));
            return;
        }
        int index = Integer.parseInt(device);
        int width = Integer.parseInt(field("camera.width").get().strip());
        int height = Integer.parseInt(field("camera.height").get().strip());
        int fps = Integer.parseInt(field("camera.fps").get().strip());
        run(
                () -> diagnostics.camera(index, width, height, fps, Duration.ofSeconds(2)),
                check -> cameraStatus.set(
                        switch (check) {
                            case TerminalDiagnostics.CameraCheck.Frames f ->
                                messages.get(
                                        "settings.camera.frames",
                                        String.format(Locale.ROOT, "%.1f", f.fps()),
                                        Integer.toString(f.width()),
                                        Integer.toString(f.height()),
                                        Integer.toString(f.frames()));
                            case TerminalDiagnostics.CameraCheck.NoFrame n ->
                                messages.get("settings.camera.noFrame", n.reason());
                        }));
    }

    public void showCertificate() {
        UketsukeConfig.Credentials credentials = credentials();
        if (credentials == null) {
            certificateStatus.set(messages.get("settings.certificate.fix"));
            return;
        }
        run(
                () -> diagnostics.certificate(credentials),
                check -> certificateStatus.set(
                        switch (check) {
                            case TerminalDiagnostics.CertificateCheck.Loaded c ->
                                messages.get(
                                        c.expired() ? "settings.certificate.expired" : "settings.certificate.loaded",
                                        c.subject(),
                                        DAY.format(c.notAfter()));
                            case TerminalDiagnostics.CertificateCheck.Unusable u ->
                                messages.get("settings.certificate.unusable", u.key(), u.reason());
                        }));
    }

    public void testConnection() {
        UketsukeConfig.Credentials credentials = credentials();
        if (credentials == null || problems.containsKey("backend.url")) {
            connectionStatus.set(messages.get("settings.certificate.fix"));
            return;
        }
        URI url = URI.create(field("backend.url").get().strip());
        connectionStatus.set(messages.get("settings.connection.trying"));
        run(
                () -> diagnostics.connect(url, credentials, Duration.ofSeconds(10)),
                check -> connectionStatus.set(
                        switch (check) {
                            case TerminalDiagnostics.ConnectionCheck.Reached r ->
                                messages.get("settings.connection.reached", Long.toString(r.millis()));
                            case TerminalDiagnostics.ConnectionCheck.Failed f ->
                                messages.get("settings.connection.failed", f.reason());
                        }));
    }

    /** The certificate files the form names, or null while one of their fields is wrong. */
    private UketsukeConfig.Credentials credentials() {
        validate();
        for (String key :
                List.of("tls.certificate", "tls.key", "tls.pkcs12", "tls.pkcs12_password_env", "tls.trusted_cas")) {
            if (problems.containsKey(key)) {
                return null;
            }
        }
        String store = field("tls.key_store").get().strip();
        if (!store.isEmpty() && !store.equals("files")) {
            // A key on a token or in the Windows store: the form's whole text says which, as the kiosk reads it.
            return ConfigParser.parse(text()) instanceof ConfigResult.Ok ok
                    ? ok.config().backend().credentials()
                    : null;
        }
        try {
            Path trusted = Path.of(field("tls.trusted_cas").get().strip());
            String p12 = field("tls.pkcs12").get().strip();
            if (!p12.isEmpty()) {
                String variable = field("tls.pkcs12_password_env").get().strip();
                return new UketsukeConfig.Credentials.Pkcs12(
                        Path.of(p12), variable.isEmpty() ? "UKETSUKE_TLS_PASSWORD" : variable, trusted);
            }
            return new UketsukeConfig.Credentials.Pem(
                    Path.of(field("tls.key").get().strip()),
                    Path.of(field("tls.certificate").get().strip()),
                    trusted);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private <T> void run(Supplier<T> work, Consumer<T> show) {
        busy.set(true);
        worker.execute(() -> {
            T result = work.get();
            fx.execute(() -> {
                busy.set(false);
                show.accept(result);
            });
        });
    }

    private static Map<String, List<String>> sections() {
        Map<String, List<String>> s = new LinkedHashMap<>();
        s.put("terminal", List.of("terminal.id", "institution.code", "language"));
        s.put("devices", List.of("reader", "camera", "camera.width", "camera.height", "camera.fps"));
        s.put(
                "backend",
                List.of(
                        "backend.url",
                        "backend.timeout_seconds",
                        "tls.certificate",
                        "tls.key",
                        "tls.pkcs12",
                        "tls.pkcs12_password_env",
                        "tls.trusted_cas"));
        s.put(
                "sinks",
                List.of(
                        "data_dir",
                        "sink.sqlite",
                        "sink.face_folder",
                        "sink.face_charset",
                        "sink.csv",
                        "sink.postgres.url",
                        "sink.postgres.user"));
        s.put(
                "kiosk",
                List.of(
                        "kiosk.idle_timeout_seconds",
                        "kiosk.e_prescription",
                        "kiosk.identity_checks",
                        "kiosk.medical_subsidy",
                        "kiosk.speech",
                        "kiosk_autostart",
                        "java_options"));
        s.put("console", List.of("console.lockout_failures", "console.lockout_minutes", "console.idle_lock_minutes"));
        return s;
    }
}
