package org.uketsuke.app.production;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.terminal.TerminalStartException;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.RetryPolicy;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.folders.FolderCheck;
import org.uketsuke.reader.pcsc.CardServiceUnavailableException;
import org.uketsuke.reader.pcsc.PcscReaders;

/**
 * What {@code kiosk --check} tries, in the order a problem is best fixed: the files the configuration names (read
 * access for certificates and key, a key no other user may read, write access where every sink writes — opening,
 * never writing or creating), the terminal's TLS identity, a handshake and a nonce request to the backend with the
 * configured CAs and certificate, the card service and the configured reader (the service is asked, never started:
 * the service manager owns it), and frames from the camera when the face check is offered. The diagnostics (exception,
 * status) go to the log at INFO; what the administrator reads is the finding's words.
 */
public final class KioskCheck {

    private static final Logger log = LoggerFactory.getLogger(KioskCheck.class);
    private static final Duration CAMERA_WAIT = Duration.ofSeconds(3);

    /**
     * One problem: the key to fix, why, and what it names ({@code subject}: a path, a URL, a reader).
     *
     * @param key the configuration key at fault; empty when none is (the card service)
     */
    public record Finding(String key, CheckReason reason, String subject) {}

    private final UnaryOperator<String> environment;
    private final TerminalDiagnostics.CameraOpener cameras;

    public KioskCheck(UnaryOperator<String> environment, TerminalDiagnostics.CameraOpener cameras) {
        this.environment = environment;
        this.cameras = cameras;
    }

    /** The checks that touch no device and no network: what the kiosk's start runs before it opens anything. */
    public List<Finding> files(UketsukeConfig config) {
        List<Finding> found = new ArrayList<>();
        switch (config.backend().credentials()) {
            case UketsukeConfig.Credentials.Pem pem -> {
                add(found, "tls.key", pem.key(), FileAccess.secret(pem.key()));
                add(found, "tls.certificate", pem.certificate(), FileAccess.readable(pem.certificate()));
            }
            case UketsukeConfig.Credentials.Pkcs12 p12 ->
                add(found, "tls.pkcs12", p12.file(), FileAccess.secret(p12.file()));
            case UketsukeConfig.Credentials.Pkcs11 token ->
                heldKey(() -> HeldKey.load(token, environment)).ifPresent(found::add);
            case UketsukeConfig.Credentials.WindowsStore store ->
                heldKey(() -> HeldKey.load(store, System.getProperty("os.name")))
                        .ifPresent(found::add);
        }
        Path cas = config.backend().credentials().trustedCas();
        add(found, "tls.trusted_cas", cas, FileAccess.readable(cas));
        UketsukeConfig.Sinks sinks = config.sinks();
        add(found, "data_dir", sinks.dataDir(), FileAccess.writableFolder(sinks.dataDir()));
        add(found, "data_dir", sinks.dataDir(), openToEveryone(sinks.dataDir()));
        add(found, "data_dir", sinks.outbox(), FileAccess.writableFile(sinks.outbox()));
        if (sinks.sqlite() != null) {
            add(found, "sink.sqlite", sinks.sqlite(), FileAccess.writableFile(sinks.sqlite()));
        }
        if (sinks.faceFolder() != null) {
            add(found, "sink.face_folder", sinks.faceFolder(), FileAccess.writableFolder(sinks.faceFolder()));
        }
        if (sinks.csv() != null) {
            add(found, "sink.csv", sinks.csv(), FileAccess.writableFolder(sinks.csv()));
        }
        config.folders().ifPresent(folders -> found.addAll(linkFolders(folders, config.institutionCode())));
        return found;
    }

    /**
     * A key on a token or in the Windows store is opened (the token logged in, the alias looked up): a token that is
     * not inserted, a wrong PIN or a missing key is found before a patient waits, with its own words.
     */
    private static Optional<Finding> heldKey(Supplier<TlsMaterial> load) {
        try {
            var _ = load.get();
            return Optional.empty();
        } catch (HeldKey.Unusable e) {
            log.info("check: {}: {}", e.key(), e.getMessage());
            return Optional.of(new Finding(e.key(), e.reason(), e.subject()));
        } catch (IllegalArgumentException e) {
            // the trusted CAs: reported by the backend check
            return Optional.empty();
        }
    }

    /** The 連携アプリ's folders (backend.kind=folders), looked at without a request: every request reaches the nation. */
    static List<Finding> linkFolders(UketsukeConfig.Folders folders, String institutionCode) {
        return FolderCheck.check(FolderImports.settings(folders, institutionCode)).stream()
                .map(f -> new Finding(
                        "folders." + f.folder(),
                        switch (f.problem()) {
                            case MISSING -> CheckReason.LINK_FOLDER_MISSING;
                            case NOT_READABLE -> CheckReason.LINK_FOLDER_NOT_READABLE;
                            case NOT_WRITABLE -> CheckReason.LINK_FOLDER_NOT_WRITABLE;
                        },
                        f.path().toString()))
                .toList();
    }

    /** Every check; an empty list means the kiosk can serve patients with this configuration. */
    public List<Finding> all(UketsukeConfig config) {
        List<Finding> found = new ArrayList<>(files(config));
        boolean credentialFilesOk = found.stream().noneMatch(f -> f.key().startsWith("tls."));
        if (credentialFilesOk) {
            backend(config).ifPresent(found::add);
        }
        reader(config.reader()).ifPresent(found::add);
        camera(config).ifPresent(found::add);
        return found;
    }

    /** The TLS identity loads, and the backend answers a nonce request over mTLS (changes nothing there). */
    public Optional<Finding> backend(UketsukeConfig config) {
        UketsukeConfig.Backend backend = config.backend();
        TlsMaterial tls;
        try {
            tls = ProductionTerminal.tls(backend.credentials(), environment);
        } catch (TerminalStartException e) {
            log.info("check: {}: {}", e.key(), e.getMessage());
            return Optional.of(new Finding(e.key(), CheckReason.CERTIFICATE_UNUSABLE, ""));
        }
        HttpsEligibilityClient client = new HttpsEligibilityClient(
                backend.url(), tls, backend.timeout(), config.institutionCode(), Clock.systemUTC(), RetryPolicy.NONE);
        NonceOutcome answer;
        try {
            answer = client.nonce();
        } catch (RuntimeException e) {
            log.info("check: backend {}: {}", backend.url(), e.toString());
            return Optional.of(new Finding(
                    "backend.url", CheckReason.BACKEND_ANSWER, backend.url().toString()));
        }
        if (answer instanceof Unavailable u) {
            log.info("check: backend {}: {} ({})", backend.url(), u.reason(), u.diagnostic());
            return Optional.of(
                    switch (u.reason()) {
                        case TLS_FAILURE ->
                            new Finding(
                                    "tls.trusted_cas",
                                    CheckReason.BACKEND_TLS,
                                    backend.url().toString());
                        case UNREACHABLE, TIMEOUT, CIRCUIT_OPEN ->
                            new Finding(
                                    "backend.url",
                                    CheckReason.BACKEND_UNREACHABLE,
                                    backend.url().toString());
                        case SERVER_NAME_MISMATCH ->
                            new Finding(
                                    "backend.url",
                                    CheckReason.BACKEND_NAME_MISMATCH,
                                    backend.url().toString());
                        case SERVER_CERTIFICATE_REVOKED ->
                            new Finding(
                                    "backend.url",
                                    CheckReason.BACKEND_REVOKED,
                                    backend.url().toString());
                        case SERVER_ERROR, MALFORMED_RESPONSE, NOT_OFFERED ->
                            new Finding(
                                    "backend.url",
                                    CheckReason.BACKEND_ANSWER,
                                    backend.url().toString());
                    });
        }
        return Optional.empty();
    }

    /** The card service answers and lists the configured reader (or any, for {@code auto}). */
    static Optional<Finding> reader(UketsukeConfig.Reader reader) {
        List<String> connected;
        try {
            connected = new PcscReaders().readers();
        } catch (CardServiceUnavailableException e) {
            log.info("check: card service: {}", e.getMessage());
            return Optional.of(new Finding("", CheckReason.CARD_SERVICE_DOWN, ""));
        }
        if (reader.name().isEmpty()) {
            return connected.isEmpty()
                    ? Optional.of(new Finding("reader", CheckReason.NO_READER, "auto"))
                    : Optional.empty();
        }
        String name = reader.name().get();
        return connected.contains(name)
                ? Optional.empty()
                : Optional.of(new Finding("reader", CheckReason.READER_NOT_FOUND, name));
    }

    /** Frames from the camera, when the face check is offered and a camera configured. */
    Optional<Finding> camera(UketsukeConfig config) {
        UketsukeConfig.Camera camera = config.camera();
        if (camera.device().isEmpty() || !config.kiosk().identityChecks().contains(UketsukeConfig.IdentityCheck.FACE)) {
            return Optional.empty();
        }
        int device = camera.device().getAsInt();
        var result = new TerminalDiagnostics(cameras, environment, Clock.systemUTC())
                .camera(device, camera.width(), camera.height(), camera.fps(), CAMERA_WAIT);
        if (result instanceof TerminalDiagnostics.CameraCheck.NoFrame none) {
            log.info("check: camera {}: {}", device, none.reason());
            return Optional.of(new Finding("camera", CheckReason.CAMERA_NO_FRAME, Integer.toString(device)));
        }
        return Optional.empty();
    }

    /** Patients' records are the terminal's users' alone: no read, write or entry for other users of the machine. */
    private static Optional<CheckReason> openToEveryone(Path folder) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder);
            return mode.contains(PosixFilePermission.OTHERS_READ)
                            || mode.contains(PosixFilePermission.OTHERS_WRITE)
                            || mode.contains(PosixFilePermission.OTHERS_EXECUTE)
                    ? Optional.of(CheckReason.READABLE_BY_EVERYONE)
                    : Optional.empty();
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
    }

    private static void add(List<Finding> found, String key, Path path, Optional<CheckReason> reason) {
        reason.ifPresent(r -> found.add(new Finding(key, r, path.toString())));
    }
}
