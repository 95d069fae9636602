package org.uketsuke.app.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a configuration back as {@code uketsuke.conf} text: every key, in {@link ConfigParser#KEYS} order, so that
 * {@code parse(text(fields(c)))} gives {@code c} again. Saving replaces the file atomically (a crash leaves the old
 * file or the new one, never half of one).
 */
public final class ConfigWriter {

    private ConfigWriter() {}

    /** The configuration as key → value, the way the file spells it. */
    public static Map<String, String> fields(UketsukeConfig c) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kiosk_autostart", yesNo(c.kioskAutostart()));
        f.put("java_options", c.javaOptions());
        f.put("terminal.id", c.terminalId());
        f.put("institution.code", c.institutionCode());
        f.put("language", c.language().getLanguage());
        f.put(
                "reader",
                c.reader()
                        .name()
                        .map(first -> String.join(
                                ", ",
                                Stream.concat(Stream.of(first), c.reader().more().stream())
                                        .toList()))
                        .orElse("auto"));
        f.put(
                "camera",
                c.camera().device().isPresent()
                        ? Integer.toString(c.camera().device().getAsInt())
                        : "none");
        f.put("camera.width", Integer.toString(c.camera().width()));
        f.put("camera.height", Integer.toString(c.camera().height()));
        f.put("camera.fps", Integer.toString(c.camera().fps()));
        f.put("backend.url", c.backend().url().toString());
        f.put("backend.timeout_seconds", Long.toString(c.backend().timeout().toSeconds()));
        switch (c.backend().credentials()) {
            case UketsukeConfig.Credentials.Pem pem -> {
                f.put("tls.certificate", pem.certificate().toString());
                f.put("tls.key", pem.key().toString());
            }
            case UketsukeConfig.Credentials.Pkcs12 p12 -> {
                f.put("tls.pkcs12", p12.file().toString());
                f.put("tls.pkcs12_password_env", p12.passwordVariable());
            }
            case UketsukeConfig.Credentials.Pkcs11 token -> {
                f.put("tls.key_store", "pkcs11");
                f.put("tls.key_alias", token.alias());
                f.put("tls.pkcs11.library", token.library().toString());
                f.put("tls.pkcs11.slot_index", Integer.toString(token.slotIndex()));
                switch (token.pin()) {
                    case UketsukeConfig.TokenPin.FromVariable variable -> f.put("tls.pkcs11.pin_env", variable.name());
                    case UketsukeConfig.TokenPin.FromFile file ->
                        f.put("tls.pkcs11.pin_file", file.file().toString());
                }
            }
            case UketsukeConfig.Credentials.WindowsStore windows -> {
                f.put("tls.key_store", windows.localMachine() ? "windows-my-localmachine" : "windows-my");
                f.put("tls.key_alias", windows.alias());
            }
        }
        f.put("tls.trusted_cas", c.backend().credentials().trustedCas().toString());
        URI crl = c.backend().serverCrl();
        if (crl != null) {
            f.put(
                    "tls.server_crl",
                    crl.getScheme().equals("file") ? Path.of(crl).toString() : crl.toString());
        }
        f.put("tls.server_crl_soft_fail", yesNo(c.backend().serverCrlSoftFail()));
        UketsukeConfig.Sinks s = c.sinks();
        f.put("data_dir", s.dataDir().toString());
        f.put("sink.sqlite", pathOrOff(s.sqlite()));
        f.put("sink.face_folder", pathOrOff(s.faceFolder()));
        f.put("sink.face_charset", s.faceCharset().name());
        f.put("sink.csv", pathOrOff(s.csv()));
        f.put("sink.postgres.url", s.postgresUrl() == null ? "" : s.postgresUrl());
        f.put("sink.postgres.user", s.postgresUser());
        if (s.postgresCaFile() != null) {
            f.put("sink.postgres.ca_file", s.postgresCaFile().toString());
        }
        f.put("sink.postgres.allow_plain", yesNo(s.postgresAllowPlain()));
        f.put(
                "kiosk.idle_timeout_seconds",
                Long.toString(c.kiosk().idleTimeout().toSeconds()));
        f.put("kiosk.e_prescription", yesNo(c.kiosk().ePrescription()));
        f.put("kiosk.medical_subsidy", yesNo(c.kiosk().medicalSubsidy()));
        f.put("kiosk.speech", c.kiosk().speech().name().toLowerCase(Locale.ROOT));
        f.put(
                "kiosk.identity_checks",
                c.kiosk().identityChecks().stream()
                        .sorted()
                        .map(UketsukeConfig.IdentityCheck::word)
                        .collect(Collectors.joining(",")));
        f.put("console.lockout_failures", Integer.toString(c.console().lockoutFailures()));
        f.put("console.lockout_minutes", Long.toString(c.console().lockout().toMinutes()));
        f.put("console.idle_lock_minutes", Long.toString(c.console().idleLock().toMinutes()));
        f.put("backend.kind", c.folders().isPresent() ? "folders" : "https");
        c.folders().ifPresent(folders -> {
            f.put("folders.face", folders.face().toString());
            f.put("folders.req", folders.req().toString());
            f.put("folders.res", folders.res().toString());
            f.put("folders.charset", folders.charset().charset().name());
            f.put("folders.poll_ms", Long.toString(folders.poll().toMillis()));
            f.put("folders.timeout_seconds", Long.toString(folders.timeout().toSeconds()));
            f.put("folders.attempts", Integer.toString(folders.attempts()));
            f.put("folders.archive", folders.archive().map(Path::toString).orElse("off"));
        });
        for (UketsukeConfig.StaffAccount account : c.staff()) {
            f.put(ConfigParser.STAFF_PREFIX + account.id(), account.name());
        }
        return f;
    }

    /** The file's text; a line break inside a value becomes a space (a value is one line). */
    public static String text(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("# Uketsuke configuration (docs/install.md lists every key).\n"
                + "# Written by the staff console's settings screen; kept across upgrades.\n");
        fields.forEach((key, value) -> out.append(key)
                .append('=')
                .append(value == null ? "" : value.replaceAll("[\r\n]+", " "))
                .append('\n'));
        return out.toString();
    }

    /** Writes {@code text} to {@code file} atomically: a temporary file beside it, then a rename over it. */
    public static void save(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            // The temporary file is private (0600); the configuration keeps the permissions it had.
            if (Files.exists(file) && Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String pathOrOff(Path path) {
        return path == null ? "off" : path.toString();
    }
}
