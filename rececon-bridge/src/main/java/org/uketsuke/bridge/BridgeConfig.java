package org.uketsuke.bridge;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the bridge keeps its outbox and which sinks it feeds. A null sink path disables that sink.
 *
 * @param medicalInstitutionCode the 10-digit 医療機関コード used in file names and message headers
 * @param fileCharset UTF-8 or Shift_JIS for the face-folder files (CharacterCodeIdentifier follows)
 */
public record BridgeConfig(Path outboxDb, Path sqliteStore, Path faceDir, String medicalInstitutionCode, Charset fileCharset) {

    public BridgeConfig {
        Objects.requireNonNull(outboxDb, "outboxDb");
        Objects.requireNonNull(fileCharset, "fileCharset");
        if (medicalInstitutionCode == null || !medicalInstitutionCode.matches("\\d{10}")) {
            throw new IllegalArgumentException("the medical institution code is 10 digits");
        }
    }
}
