package org.uketsuke.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.uketsuke.app.config.ConfigProblem.Reason;
import org.uketsuke.app.config.UketsukeConfig.IdentityCheck;
import org.uketsuke.bridge.DataProtection;
import org.uketsuke.bridge.retention.Retention;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.bridge.store.PostgresTargetException;
import org.uketsuke.eligibility.wire.CharacterCode;

/**
 * Reads {@code uketsuke.conf}: UTF-8, one {@code key=value} per line, {@code #} starts a comment line, values are
 * taken literally (no escapes, so Windows paths need no doubling), blank lines are ignored. Whatever the bytes, the
 * answer is a {@link ConfigResult}; it never throws. Unknown keys are problems, so a misspelt key is never silently
 * ignored.
 */
public final class ConfigParser {

    /** Every key, in the order the writer puts them; {@code staff.<id>} lines come after these. */
    public static final List<String> KEYS = List.of(
            "kiosk_autostart",
            "java_options",
            "terminal.id",
            "institution.code",
            "language",
            "reader",
            "camera",
            "camera.width",
            "camera.height",
            "camera.fps",
            "backend.url",
            "backend.timeout_seconds",
            "tls.certificate",
            "tls.key",
            "tls.pkcs12",
            "tls.pkcs12_password_env",
            "tls.key_store",
            "tls.key_alias",
            "tls.pkcs11.library",
            "tls.pkcs11.slot_index",
            "tls.pkcs11.pin_env",
            "tls.pkcs11.pin_file",
            "tls.trusted_cas",
            "tls.server_crl",
            "tls.server_crl_soft_fail",
            "data_dir",
            "sink.sqlite",
            "sink.face_folder",
            "sink.face_charset",
            "sink.csv",
            "sink.postgres.url",
            "sink.postgres.user",
            "sink.reader_group",
            "sink.max_request_kib",
            "retention.outbox_days",
            "retention.done_requests_days",
            "retention.answers_days",
            "retention.csv_days",
            "sink.postgres.ca_file",
            "sink.postgres.allow_plain",
            "kiosk.idle_timeout_seconds",
            "kiosk.e_prescription",
            "kiosk.identity_checks",
            "kiosk.medical_subsidy",
            "kiosk.speech",
            "console.lockout_failures",
            "console.lockout_minutes",
            "console.idle_lock_minutes",
            "backend.kind",
            "folders.share",
            "folders.face",
            "folders.req",
            "folders.res",
            "folders.charset",
            "folders.poll_ms",
            "folders.timeout_seconds",
            "folders.attempts",
            "folders.archive");

    /** The keys that only mean something for a key held by a token or the OS ({@code tls.key_store}). */
    private static final List<String> HELD_KEY_KEYS = List.of(
            "tls.key_alias",
            "tls.pkcs11.library",
            "tls.pkcs11.slot_index",
            "tls.pkcs11.pin_env",
            "tls.pkcs11.pin_file");

    /** The keys that only mean something with {@code backend.kind=folders}. */
    private static final List<String> FOLDER_KEYS =
            KEYS.stream().filter(key -> key.startsWith("folders.")).toList();

    public static final String STAFF_PREFIX = "staff.";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]{0,63}");
    private static final String OFF = "off";

    private ConfigParser() {}

    public static ConfigResult parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new ConfigResult.Invalid(List.of(new ConfigProblem(0, "", Reason.NOT_UTF8, "")));
        }
        return parse(text);
    }

    public static ConfigResult parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(new ConfigProblem(lineNo, eq == 0 ? "" : abbreviate(line), Reason.NOT_KEY_VALUE, ""));
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            boolean staff = key.startsWith(STAFF_PREFIX);
            if (!staff && !KEYS.contains(key)) {
                problems.add(new ConfigProblem(lineNo, abbreviate(key), Reason.UNKNOWN_KEY, ""));
                continue;
            }
            Entry first = entries.get(key);
            if (first != null) {
                problems.add(new ConfigProblem(lineNo, key, Reason.DUPLICATE_KEY, Integer.toString(first.line())));
                continue;
            }
            entries.put(key, new Entry(lineNo, value));
        }
        Fields f = new Fields(entries, problems);
        UketsukeConfig config = f.config();
        return problems.isEmpty() ? new ConfigResult.Ok(config) : new ConfigResult.Invalid(problems);
    }

    /** A key as the problem names it: long garbage is cut so that a message stays one readable line. */
    private static String abbreviate(String key) {
        return key.length() <= 40 ? key : key.substring(0, 40) + "…";
    }

    private record Entry(int line, String value) {}

    /** Typed reads of the entries; each bad value adds its problem and gives a placeholder so reading goes on. */
    private static final class Fields {
        private final Map<String, Entry> entries;
        private final List<ConfigProblem> problems;

        Fields(Map<String, Entry> entries, List<ConfigProblem> problems) {
            this.entries = entries;
            this.problems = problems;
        }

        UketsukeConfig config() {
            boolean autostart = yesNo("kiosk_autostart", false);
            String javaOptions = string("java_options", "");
            LauncherOptions.problem(javaOptions)
                    .ifPresent(option -> problem("java_options", Reason.UNSAFE_OPTION, option));
            String terminalId = required("terminal.id");
            if (terminalId != null && !ID.matcher(terminalId).matches()) {
                problem("terminal.id", Reason.BAD_ID, "");
            }
            String institution = required("institution.code");
            if (institution != null && !institution.matches("[0-9]{10}")) {
                problem("institution.code", Reason.BAD_INSTITUTION_CODE, "");
            }
            Locale language = switch (string("language", "ja")) {
                case "ja" -> Locale.JAPANESE;
                case "en" -> Locale.ENGLISH;
                default -> {
                    problem("language", Reason.BAD_CHOICE, "ja, en");
                    yield Locale.JAPANESE;
                }
            };
            // Several readers, comma-separated (the card reader, then a general NFC reader for phones).
            List<String> readerNames = Arrays.stream(string("reader", "auto").split(","))
                    .map(String::strip)
                    .filter(n -> !n.isEmpty())
                    .toList();
            // "auto" takes the first reader found, so it cannot stand beside named readers.
            if (readerNames.size() > 1 && readerNames.contains("auto")) {
                problem("reader", Reason.CONFLICT, "auto");
            }
            UketsukeConfig.Reader reader =
                    readerNames.isEmpty() || readerNames.getFirst().equals("auto")
                            ? new UketsukeConfig.Reader(Optional.empty())
                            : new UketsukeConfig.Reader(
                                    Optional.of(readerNames.getFirst()), readerNames.subList(1, readerNames.size()));
            OptionalInt device = string("camera", "0").equals("none")
                    ? OptionalInt.empty()
                    : OptionalInt.of(number("camera", 0, 0, 63));
            UketsukeConfig.Camera camera = new UketsukeConfig.Camera(
                    device,
                    number("camera.width", 1280, 160, 3840),
                    number("camera.height", 720, 120, 2160),
                    number("camera.fps", 15, 1, 60));

            URI url = url("backend.url");
            Duration timeout = Duration.ofSeconds(number("backend.timeout_seconds", 10, 1, 120));
            UketsukeConfig.Credentials credentials = credentials();

            Path dataDir = requiredPath("data_dir");
            Path base = dataDir != null ? dataDir : Path.of("").toAbsolutePath();
            Path sqlite = optionalPath("sink.sqlite", base.resolve("rececon.db"));
            Path face = optionalPath("sink.face_folder", base.resolve("face"));
            Charset charset = switch (string("sink.face_charset", "UTF-8").toUpperCase(Locale.ROOT)) {
                case "UTF-8" -> StandardCharsets.UTF_8;
                case "SHIFT_JIS" -> Charset.forName("Shift_JIS");
                default -> {
                    problem("sink.face_charset", Reason.BAD_CHOICE, "UTF-8, Shift_JIS");
                    yield StandardCharsets.UTF_8;
                }
            };
            Path csv = optionalPath("sink.csv", null);
            String postgres = string("sink.postgres.url", "");
            if (!postgres.isEmpty() && !postgres.startsWith("jdbc:postgresql://")) {
                problem("sink.postgres.url", Reason.BAD_CHOICE, "jdbc:postgresql://HOST:PORT/DATABASE");
            }
            String postgresUser = string("sink.postgres.user", "uketsuke");
            if (postgresUser.isEmpty()) {
                problem("sink.postgres.user", Reason.MISSING, "");
            }
            Path postgresCa = optionalPath("sink.postgres.ca_file", null);
            boolean postgresPlain = yesNo("sink.postgres.allow_plain", false);
            if (postgres.startsWith("jdbc:postgresql://")) {
                postgresTls(postgres, postgresCa, postgresPlain);
            }
            UketsukeConfig.Sinks sinks = new UketsukeConfig.Sinks(
                    base,
                    sqlite,
                    face,
                    charset,
                    csv,
                    postgres.isEmpty() ? null : postgres,
                    postgresUser,
                    postgresCa,
                    postgresPlain,
                    protection());

            Duration idle = Duration.ofSeconds(number("kiosk.idle_timeout_seconds", 90, 10, 600));
            boolean ePrescription = yesNo("kiosk.e_prescription", false);
            Set<IdentityCheck> checks = identityChecks();
            if (device.isEmpty() && checks.contains(IdentityCheck.FACE)) {
                problem("kiosk.identity_checks", Reason.CONFLICT, "camera=none");
            }
            return new UketsukeConfig(
                    autostart,
                    javaOptions,
                    terminalId == null ? "" : terminalId,
                    institution == null ? "" : institution,
                    language,
                    reader,
                    camera,
                    new UketsukeConfig.Backend(
                            url, timeout, credentials, serverCrl(), yesNo("tls.server_crl_soft_fail", false)),
                    sinks,
                    new UketsukeConfig.Kiosk(
                            idle, ePrescription, checks, yesNo("kiosk.medical_subsidy", false), speech()),
                    staff(),
                    new UketsukeConfig.Console(
                            number("console.lockout_failures", 5, 1, 20),
                            Duration.ofMinutes(number("console.lockout_minutes", 15, 0, 1440)),
                            Duration.ofMinutes(number("console.idle_lock_minutes", 5, 1, 120))),
                    folders(face));
        }

        /**
         * {@code backend.kind} and, for {@code folders}, the 連携アプリ's folders: each of {@code folders.face|req|res}
         * set, or taken under {@code folders.share}; never where Uketsuke's own face sink or req/res answering works.
         */
        private Optional<UketsukeConfig.Folders> folders(Path ownFace) {
            switch (string("backend.kind", "https")) {
                case "https" -> {
                    FOLDER_KEYS.stream()
                            .filter(entries::containsKey)
                            .forEach(key -> problem(key, Reason.CONFLICT, "backend.kind=https"));
                    return Optional.empty();
                }
                case "folders" -> {
                    // read below
                }
                default -> {
                    problem("backend.kind", Reason.BAD_CHOICE, "https, folders");
                    return Optional.empty();
                }
            }
            Path share = optionalPath("folders.share", null);
            Path face = linkFolder("folders.face", share, "face");
            Path req = linkFolder("folders.req", share, "req");
            Path res = linkFolder("folders.res", share, "res");
            CharacterCode code = switch (string("folders.charset", "UTF-8").toUpperCase(Locale.ROOT)) {
                case "UTF-8" -> CharacterCode.UTF_8;
                case "SHIFT_JIS" -> CharacterCode.SHIFT_JIS;
                default -> {
                    problem("folders.charset", Reason.BAD_CHOICE, "UTF-8, Shift_JIS");
                    yield CharacterCode.UTF_8;
                }
            };
            int poll = number("folders.poll_ms", 500, 50, 10_000);
            int timeout = number("folders.timeout_seconds", 30, 1, 600);
            if (poll > timeout * 1000) {
                problem("folders.poll_ms", Reason.CONFLICT, "folders.timeout_seconds");
            }
            int attempts = number("folders.attempts", 2, 1, 5);
            Optional<Path> archive = Optional.ofNullable(optionalPath("folders.archive", null));
            if (face == null || req == null || res == null) {
                return Optional.empty();
            }
            UketsukeConfig.Folders folders = new UketsukeConfig.Folders(
                    face, req, res, code, Duration.ofMillis(poll), Duration.ofSeconds(timeout), attempts, archive);
            if (folders.sharedWith(ownFace)) {
                problem(
                        "sink.face_folder",
                        Reason.CONFLICT,
                        "folders.face, folders.req, folders.res (sink.face_folder=off)");
            }
            if (archive.isPresent() && Set.of(face, req, res).contains(archive.get())) {
                problem("folders.archive", Reason.CONFLICT, "folders.face, folders.req, folders.res");
            }
            return Optional.of(folders);
        }

        /** One of the 連携アプリ's folders: its own key, else its usual name under {@code folders.share}. */
        private Path linkFolder(String key, Path share, String name) {
            if (entries.containsKey(key) || share == null) {
                return requiredPath(key);
            }
            return share.resolve(name);
        }

        private UketsukeConfig.Credentials credentials() {
            Path trusted = requiredPath("tls.trusted_cas");
            Path placeholder = Path.of("").toAbsolutePath();
            trusted = trusted == null ? placeholder : trusted;
            String store = string("tls.key_store", "files");
            switch (store) {
                case "files" -> {
                    // the PEM or PKCS#12 keys below
                }
                case "pkcs11", "windows-my", "windows-my-localmachine" -> {
                    return heldKey(store, trusted);
                }
                default ->
                    problem("tls.key_store", Reason.BAD_CHOICE, "files, pkcs11, windows-my, windows-my-localmachine");
            }
            conflicting(HELD_KEY_KEYS, "tls.key_store=files");
            boolean pkcs12 = entries.containsKey("tls.pkcs12");
            if (pkcs12) {
                for (String pemKey : List.of("tls.certificate", "tls.key")) {
                    if (entries.containsKey(pemKey)) {
                        problem(pemKey, Reason.CONFLICT, "tls.pkcs12");
                    }
                }
                Path file = requiredPath("tls.pkcs12");
                String variable = string("tls.pkcs12_password_env", "UKETSUKE_TLS_PASSWORD");
                if (!VARIABLE.matcher(variable).matches()) {
                    problem("tls.pkcs12_password_env", Reason.BAD_VARIABLE, "");
                }
                return new UketsukeConfig.Credentials.Pkcs12(file == null ? placeholder : file, variable, trusted);
            }
            if (entries.containsKey("tls.pkcs12_password_env")) {
                problem("tls.pkcs12_password_env", Reason.CONFLICT, "tls.certificate");
            }
            Path certificate = requiredPath("tls.certificate");
            Path key = requiredPath("tls.key");
            return new UketsukeConfig.Credentials.Pem(
                    key == null ? placeholder : key, certificate == null ? placeholder : certificate, trusted);
        }

        /** A key the terminal never reads itself: on a PKCS#11 token, or in the Windows certificate store. */
        private UketsukeConfig.Credentials heldKey(String store, Path trusted) {
            conflicting(
                    List.of("tls.certificate", "tls.key", "tls.pkcs12", "tls.pkcs12_password_env"), "tls.key_store");
            String alias = required("tls.key_alias");
            alias = alias == null ? "" : alias;
            if (!store.equals("pkcs11")) {
                conflicting(
                        HELD_KEY_KEYS.stream()
                                .filter(key -> key.startsWith("tls.pkcs11."))
                                .toList(),
                        store);
                return new UketsukeConfig.Credentials.WindowsStore(
                        store.equals("windows-my-localmachine"), alias, trusted);
            }
            Path library = requiredPath("tls.pkcs11.library");
            int slot = number("tls.pkcs11.slot_index", 0, 0, 255);
            UketsukeConfig.TokenPin pin;
            if (entries.containsKey("tls.pkcs11.pin_file")) {
                conflicting(List.of("tls.pkcs11.pin_env"), "tls.pkcs11.pin_file");
                Path file = requiredPath("tls.pkcs11.pin_file");
                pin = new UketsukeConfig.TokenPin.FromFile(file == null ? trusted : file);
            } else {
                String variable = string("tls.pkcs11.pin_env", "UKETSUKE_TOKEN_PIN");
                if (!VARIABLE.matcher(variable).matches()) {
                    problem("tls.pkcs11.pin_env", Reason.BAD_VARIABLE, "");
                }
                pin = new UketsukeConfig.TokenPin.FromVariable(variable);
            }
            return new UketsukeConfig.Credentials.Pkcs11(
                    library == null ? trusted : library, slot, alias, pin, trusted);
        }

        /** Each of {@code keys} that is set is a conflict with {@code setting}. */
        private void conflicting(List<String> keys, String setting) {
            keys.stream().filter(entries::containsKey).forEach(key -> problem(key, Reason.CONFLICT, setting));
        }

        private Set<IdentityCheck> identityChecks() {
            String list = string("kiosk.identity_checks", "pin,face,visual");
            Set<IdentityCheck> checks = EnumSet.noneOf(IdentityCheck.class);
            boolean bad = false;
            for (String word : list.split(",", -1)) {
                IdentityCheck check = switch (word.strip()) {
                    case "pin" -> IdentityCheck.PIN;
                    case "face" -> IdentityCheck.FACE;
                    case "visual" -> IdentityCheck.VISUAL;
                    default -> null;
                };
                if (check == null || !checks.add(check)) {
                    bad = true;
                }
            }
            if (bad) {
                problem("kiosk.identity_checks", Reason.BAD_CHOICE, "pin, face, visual");
                return EnumSet.allOf(IdentityCheck.class);
            }
            return checks;
        }

        private List<UketsukeConfig.StaffAccount> staff() {
            List<UketsukeConfig.StaffAccount> staff = new ArrayList<>();
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                if (!e.getKey().startsWith(STAFF_PREFIX)) {
                    continue;
                }
                String id = e.getKey().substring(STAFF_PREFIX.length());
                if (!ID.matcher(id).matches()) {
                    problems.add(new ConfigProblem(e.getValue().line(), abbreviate(e.getKey()), Reason.BAD_ID, ""));
                } else if (e.getValue().value().isEmpty()) {
                    problems.add(new ConfigProblem(e.getValue().line(), e.getKey(), Reason.MISSING, ""));
                } else {
                    staff.add(new UketsukeConfig.StaffAccount(id, e.getValue().value()));
                }
            }
            return staff;
        }

        private URI url(String key) {
            String value = required(key);
            URI placeholder = URI.create("https://localhost/");
            if (value == null) {
                return placeholder;
            }
            try {
                URI uri = new URI(value);
                if ("https".equalsIgnoreCase(uri.getScheme())
                        && uri.getHost() != null
                        && uri.getRawQuery() == null
                        && uri.getRawFragment() == null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            problem(key, Reason.BAD_URL, "");
            return placeholder;
        }

        /** The server CA's CRL: an absolute file path or an http(s) URL; absent: no revocation check. */
        private URI serverCrl() {
            String value = string("tls.server_crl", "");
            if (value.isEmpty()) {
                return null;
            }
            if (value.startsWith("http://") || value.startsWith("https://")) {
                try {
                    URI uri = new URI(value);
                    if (uri.getHost() != null) {
                        return uri;
                    }
                } catch (URISyntaxException e) {
                    // reported below
                }
                problem("tls.server_crl", Reason.BAD_URL, "");
                return null;
            }
            Path file = path("tls.server_crl", value);
            return file == null ? null : file.toUri();
        }

        private Path requiredPath(String key) {
            String value = required(key);
            return value == null ? null : path(key, value);
        }

        /** A path, {@code off} for none, or {@code fallback} when the key is absent. */
        private Path optionalPath(String key, Path fallback) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return fallback;
            }
            if (entry.value().equals(OFF)) {
                return null;
            }
            if (entry.value().isEmpty()) {
                problem(key, Reason.MISSING, "");
                return fallback;
            }
            return path(key, entry.value());
        }

        private Path path(String key, String value) {
            try {
                Path path = Path.of(value);
                if (!path.isAbsolute()) {
                    problem(key, Reason.NOT_ABSOLUTE, "");
                    return null;
                }
                return path.normalize();
            } catch (InvalidPathException e) {
                problem(key, Reason.BAD_PATH, "");
                return null;
            }
        }

        private String required(String key) {
            Entry entry = entries.get(key);
            if (entry == null || entry.value().isEmpty()) {
                problem(key, Reason.MISSING, "");
                return null;
            }
            return entry.value();
        }

        private String string(String key, String fallback) {
            Entry entry = entries.get(key);
            return entry == null ? fallback : entry.value();
        }

        /** Who may read the terminal's files, how long they stay, how large a request file may be. */
        private DataProtection protection() {
            PrivateFiles.Access access = PrivateFiles.OWNER_ONLY;
            String group = string("sink.reader_group", "");
            if (!group.isEmpty()) {
                try {
                    access = PrivateFiles.Access.group(group);
                } catch (IllegalArgumentException e) {
                    problem("sink.reader_group", Reason.BAD_CHOICE, "a group name (letters, digits, . _ -)");
                }
            }
            Retention retention = new Retention(
                    number("retention.outbox_days", 90, 0, 36_500),
                    number("retention.done_requests_days", 90, 0, 36_500),
                    number("retention.answers_days", 90, 0, 36_500),
                    number("retention.csv_days", 90, 0, 36_500));
            return new DataProtection(access, retention, 1024L * number("sink.max_request_kib", 1024, 1, 1_048_576));
        }

        private UketsukeConfig.Speech speech() {
            return switch (string("kiosk.speech", "off")) {
                case "off" -> UketsukeConfig.Speech.OFF;
                case "ja" -> UketsukeConfig.Speech.JA;
                case "en" -> UketsukeConfig.Speech.EN;
                case "auto" -> UketsukeConfig.Speech.AUTO;
                default -> {
                    problem("kiosk.speech", Reason.BAD_CHOICE, "off, ja, en, auto");
                    yield UketsukeConfig.Speech.OFF;
                }
            };
        }

        private boolean yesNo(String key, boolean fallback) {
            return switch (string(key, fallback ? "yes" : "no")) {
                case "yes" -> true;
                case "no" -> false;
                default -> {
                    problem(key, Reason.NOT_YES_NO, "");
                    yield fallback;
                }
            };
        }

        private int number(String key, int fallback, int min, int max) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return fallback;
            }
            if (!entry.value().matches("[0-9]{1,9}")) {
                problem(key, Reason.NOT_A_NUMBER, "");
                return fallback;
            }
            int n = Integer.parseInt(entry.value());
            if (n < min || n > max) {
                problem(key, Reason.OUT_OF_RANGE, min + "–" + max);
                return fallback;
            }
            return n;
        }

        /** The shared store's TLS rules, as {@link PostgresTarget} enforces them when the terminal starts. */
        private void postgresTls(String url, Path caFile, boolean allowPlain) {
            try {
                PostgresTarget.configured(url, "", "", caFile, allowPlain);
            } catch (PostgresTargetException e) {
                switch (e.reason()) {
                    case NOT_A_POSTGRES_URL, TLS_PARAMETER_IN_URL ->
                        problem("sink.postgres.url", Reason.BAD_CHOICE, "jdbc:postgresql://HOST:PORT/DATABASE");
                    case CA_FILE_NOT_SET -> problem("sink.postgres.ca_file", Reason.MISSING, "");
                    case CA_FILE_AND_PLAIN ->
                        problem("sink.postgres.allow_plain", Reason.CONFLICT, "sink.postgres.ca_file");
                    case PLAIN_TO_ANOTHER_MACHINE ->
                        problem("sink.postgres.allow_plain", Reason.CONFLICT, "sink.postgres.url (not localhost)");
                    case CA_FILE_UNREADABLE -> {
                        // read when the terminal starts; the configuration may be written before the file is placed
                    }
                }
            }
        }

        private void problem(String key, Reason reason, String detail) {
            Entry entry = entries.get(key);
            problems.add(new ConfigProblem(entry == null ? 0 : entry.line(), key, reason, detail));
        }
    }
}
