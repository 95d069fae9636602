package org.uketsuke.bridge;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.store.PostgresTarget;

/**
 * Where the bridge keeps its outbox and which sinks it feeds, several at once. A null sink setting disables that sink.
 *
 * @param sqliteStore the local SQLite レセコン store (the default sink)
 * @param faceDir the official 連携アプリ {@code face} folder
 * @param medicalInstitutionCode the 10-digit 医療機関コード used in file names and message headers
 * @param fileCharset UTF-8 or Shift_JIS for the face-folder files (CharacterCodeIdentifier follows)
 * @param postgres a shared PostgreSQL レセコン store (hospitals with several terminals)
 * @param csvExport daily CSV files for レセコン that import CSV
 * @param protection who may read the files, how long they are kept, how large a request may be
 */
public record BridgeConfig(
        Path outboxDb,
        Path sqliteStore,
        Path faceDir,
        String medicalInstitutionCode,
        Charset fileCharset,
        PostgresTarget postgres,
        CsvExport csvExport,
        DataProtection protection) {

    public BridgeConfig {
        Objects.requireNonNull(outboxDb, "outboxDb");
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(fileCharset, "fileCharset");
        if (medicalInstitutionCode == null || !medicalInstitutionCode.matches("\\d{10}")) {
            throw new IllegalArgumentException("the medical institution code is 10 digits");
        }
    }

    /** The SQLite store and the face folder (either may be null). */
    public BridgeConfig(
            Path outboxDb, Path sqliteStore, Path faceDir, String medicalInstitutionCode, Charset fileCharset) {
        this(outboxDb, sqliteStore, faceDir, medicalInstitutionCode, fileCharset, null, null, DataProtection.DEFAULT);
    }

    public BridgeConfig withPostgres(PostgresTarget target) {
        return new BridgeConfig(
                outboxDb, sqliteStore, faceDir, medicalInstitutionCode, fileCharset, target, csvExport, protection);
    }

    public BridgeConfig withCsvExport(CsvExport export) {
        return new BridgeConfig(
                outboxDb, sqliteStore, faceDir, medicalInstitutionCode, fileCharset, postgres, export, protection);
    }

    public BridgeConfig withProtection(DataProtection chosen) {
        return new BridgeConfig(
                outboxDb, sqliteStore, faceDir, medicalInstitutionCode, fileCharset, postgres, csvExport, chosen);
    }
}
