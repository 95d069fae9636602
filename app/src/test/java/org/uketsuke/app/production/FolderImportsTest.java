package org.uketsuke.app.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigParserTest;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.reception.AuditTrail;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.app.terminal.FaceFolderAlerts;
import org.uketsuke.app.terminal.StaffNotice;
import org.uketsuke.app.terminal.TerminalStartException;
import org.uketsuke.app.ui.ImportedPatientTexts;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditVerification;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;
import org.uketsuke.folders.face.FaceFolderImporter;
import org.uketsuke.folders.face.PatientMatch;
import org.uketsuke.mockbackend.MockBackend;

/**
 * The folders backend in the production terminal: the certified reader's results on the staff console's reception
 * list, the importer's alerts as staff notices in both languages, {@code kiosk --check}'s look at the 連携アプリ's
 * folders, and the start refusing Uketsuke's own face sink in them.
 */
class FolderImportsTest {

    private static final String INSTITUTION = "1311234567";
    private static final Messages JA = new Messages(Messages.JAPANESE);
    private static final Messages EN = new Messages(Messages.ENGLISH);

    @TempDir
    Path dir;

    Path share;
    Path data;
    UketsukeConfig.Folders folders;
    RececonBridge bridge;
    final List<ReceptionRecord> records = new ArrayList<>();
    final List<StaffNotice> notices = new ArrayList<>();

    @BeforeEach
    void share() throws Exception {
        share = dir.resolve("oqs");
        data = Files.createDirectories(dir.resolve("data"));
        for (String folder : List.of("face", "req", "res")) {
            Files.createDirectories(share.resolve(folder));
        }
        folders = new UketsukeConfig.Folders(
                share.resolve("face"),
                share.resolve("req"),
                share.resolve("res"),
                CharacterCode.SHIFT_JIS,
                Duration.ofMillis(100),
                Duration.ofSeconds(2),
                1,
                Optional.empty());
        bridge = RececonBridge.open(new BridgeConfig(
                data.resolve("outbox.db"), data.resolve("rececon.db"), null, INSTITUTION, StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() {
        bridge.close();
    }

    private FaceFolderImporter importer() {
        return importer(Optional.empty());
    }

    private FaceFolderImporter importer(Optional<AuditTrail> audit) {
        return FolderImports.importer(
                folders,
                data,
                bridge,
                Duration.ZERO,
                records::add,
                FolderImports.alerts(folders, data, notices::add, audit));
    }

    @Test
    void aCertifiedReaderResultIsAReceptionRowAndABrokenFileAStaffNotice() throws Exception {
        Qualification person = MockBackend.population(4L, 3).get(1);
        Files.write(
                folders.face().resolve("OQSsiquc01res_face_131123456700000000000000000001_20261204090000.xml"),
                QualificationXml.write(
                        ResultMessage.confirmed("20261204090000", INSTITUTION, "face-console-1", person, null)));
        Files.writeString(
                folders.face().resolve("OQSsiquc01res_face_131123456700000000000000000002_20261204090000.xml"),
                "<not a result");
        try (FaceFolderImporter importer = importer()) {
            importer.pass();
            importer.pass();

            assertThat(records).singleElement().satisfies(row -> {
                assertThat(row.qualification()).contains(person);
                assertThat(row.method()).contains(IdentityMethod.CERTIFIED_READER);
                assertThat(row.problem()).isEmpty();
            });
            assertThat(notices).singleElement().satisfies(notice -> {
                assertThat(notice.key()).isEqualTo("staff.faceImport.SET_ASIDE");
                for (Messages words : List.of(JA, EN)) {
                    assertThat(words.get(notice.key(), notice.args().toArray()))
                            .contains("OQSsiquc01res_face_131123456700000000000000000002_20261204090000.xml")
                            .contains(data.resolve(FolderImports.SET_ASIDE).toString());
                }
            });
            assertThat(EN.get("queue.method." + records.getFirst().method().orElseThrow()))
                    .isEqualTo("Certified reader");

            // The share goes away: one notice, however many passes, until it is back.
            Files.move(share, dir.resolve("unmounted"));
            importer.pass();
            importer.pass();
        }
        assertThat(notices).hasSize(2).last().satisfies(notice -> {
            assertThat(notice.key()).isEqualTo("staff.faceImport.FOLDER_UNREACHABLE");
            assertThat(JA.get(notice.key(), notice.args().toArray()))
                    .contains(folders.face().toString());
            assertThat(EN.get(notice.key(), notice.args().toArray()))
                    .contains(folders.face().toString());
        });
    }

    /**
     * The reception row of an import says whom it belongs to among the レセコン store's patients: a first visit, then the
     * same person with a new insurance card — a candidate with the 保険情報の照合 (stored / confirmed) in both languages.
     */
    @Test
    void anImportedResultIsMatchedToTheStoresPatientsWithTheInsuranceComparison() throws Exception {
        Qualification person = MockBackend.population(4L, 3).get(2);
        byte[] first = QualificationXml.write(
                ResultMessage.confirmed("20261204090000", INSTITUTION, "face-console-3", person, null));
        String number = "<InsuredIdentificationNumber>" + person.card().number() + "</InsuredIdentificationNumber>";
        // The same patient months later, after a change of job: another card number.
        byte[] newCard = new String(first, StandardCharsets.UTF_8)
                .replace(number, "<InsuredIdentificationNumber>7654321</InsuredIdentificationNumber>")
                .replace("face-console-3", "face-console-4")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(newCard).isNotEqualTo(first);
        try (FaceFolderImporter importer = importer()) {
            Files.write(
                    folders.face().resolve("OQSsiquc01res_face_131123456700000000000000000003_20261204090000.xml"),
                    first);
            importer.pass();
            importer.pass();
            bridge.drain();
            Files.write(
                    folders.face().resolve("OQSsiquc01res_face_131123456700000000000000000004_20261205090000.xml"),
                    newCard);
            importer.pass();
            importer.pass();
        }

        assertThat(records).hasSize(2);
        assertThat(ImportedPatientTexts.forStaff(EN, records.getFirst().patient()))
                .isEqualTo(EN.get("staff.patient.unknown"));
        assertThat(records.getLast().patient()).containsInstanceOf(PatientMatch.Candidate.class);
        assertThat(ImportedPatientTexts.forStaff(JA, records.getLast().patient()))
                .contains(person.name())
                .contains("番号: 登録 " + person.card().number() + " / 確認 7654321");
        assertThat(ImportedPatientTexts.forStaff(EN, records.getLast().patient()))
                .contains("confirm it is the same patient");
    }

    /**
     * The share goes away and comes back: the console's notice that it is gone is replaced by one saying it is back and
     * how many results are being imported, in both languages; both moments are in the audit log.
     */
    @Test
    void theFaceFolderComingBackIsANoticeInPlaceOfTheGoneOneAndBothAreAudited() throws Exception {
        Path auditFile = data.resolve("audit.jsonl");
        AuditTrail audit = AuditTrail.open(auditFile, "kiosk-1", Clock.systemUTC(), false);
        Qualification person = MockBackend.population(4L, 3).get(0);
        try (FaceFolderImporter importer = importer(Optional.of(audit))) {
            Files.move(share, dir.resolve("unmounted"));
            importer.pass();
            importer.pass();
            // Meanwhile the 連携アプリ writes a result on its own disk.
            Files.write(
                    dir.resolve("unmounted/face/OQSsiquc01res_face_131123456700000000000000000005_20261204090000.xml"),
                    QualificationXml.write(
                            ResultMessage.confirmed("20261204090000", INSTITUTION, "face-back-1", person, null)));
            Files.move(dir.resolve("unmounted"), share);
            importer.pass();
            importer.pass();
        }

        assertThat(records)
                .singleElement()
                .satisfies(row -> assertThat(row.qualification()).contains(person));
        assertThat(notices)
                .extracting(StaffNotice::key)
                .containsExactly("staff.faceImport.FOLDER_UNREACHABLE", "staff.faceImport.FOLDER_BACK");
        StaffNotice gone = notices.getFirst();
        StaffNotice back = notices.getLast();
        assertThat(back.replaces(gone)).isTrue();
        assertThat(back.replaces(new StaffNotice("staff.faceImport.SET_ASIDE", List.of())))
                .isFalse();
        assertThat(JA.get(back.key(), back.args().toArray()))
                .contains(folders.face().toString())
                .contains("再び接続しました")
                .contains("1 件を取り込んでいます");
        assertThat(EN.get(back.key(), back.args().toArray()))
                .contains(folders.face().toString())
                .contains("can be read again")
                .contains("the 1 certified reader result file(s) that arrived meanwhile are being imported");
        assertThat(AuditLog.read(auditFile).stream()
                        .filter(line -> !line.event().method().equals("NONE"))) // the log's own start
                .extracting(line -> line.event().method(), line -> line.event().outcome())
                .containsExactly(
                        tuple(FaceFolderAlerts.AUDIT_METHOD, "UNREACHABLE"),
                        tuple(FaceFolderAlerts.AUDIT_METHOD, "REACHABLE_AGAIN"));
        assertThat(AuditLog.verify(auditFile)).isInstanceOf(AuditVerification.Intact.class);
    }

    /** A face file listing two people is two rows on the reception list, each with its own patient match. */
    @Test
    void aFileWithTwoPeopleIsTwoReceptionRowsEachMatchedOnItsOwn() throws Exception {
        List<Qualification> people = MockBackend.population(4L, 3);
        Files.write(
                folders.face().resolve("OQSsiquc01res_face_131123456700000000000000000006_20261204090000.xml"),
                QualificationXml.write(ResultMessage.listing(
                        "20261204090000", INSTITUTION, "face-two-1", List.of(people.get(0), people.get(1)))));
        try (FaceFolderImporter importer = importer()) {
            importer.pass();
            importer.pass();
        }

        assertThat(records)
                .extracting(row -> row.qualification().orElseThrow())
                .containsExactly(people.get(0), people.get(1));
        assertThat(records).allSatisfy(row -> assertThat(row.patient()).containsInstanceOf(PatientMatch.Unknown.class));
    }

    /** Every alert of the importer has its words in both languages. */
    @Test
    void everyImporterAlertIsWordedInBothLanguages() {
        for (FaceFolderImporter.Alert.Kind kind : FaceFolderImporter.Alert.Kind.values()) {
            Object[] args = {"09:00", "/mnt/oqs/face", "3"};
            String key = "staff.faceImport." + kind;
            // A key missing from the Japanese file would fall back to the English words.
            assertThat(JA.get(key, args)).as(kind.name()).isNotEqualTo(EN.get(key, args));
        }
    }

    @Test
    void theCheckNamesTheFolderKeyOfAShareNotMountedOrNotWritable() throws Exception {
        assertThat(KioskCheck.linkFolders(folders, INSTITUTION)).isEmpty();

        Files.setPosixFilePermissions(folders.req(), PosixFilePermissions.fromString("r-xr-x---"));
        try {
            if (!Files.isWritable(folders.req())) { // root writes anyway
                assertThat(KioskCheck.linkFolders(folders, INSTITUTION))
                        .containsExactly(new KioskCheck.Finding(
                                "folders.req",
                                CheckReason.LINK_FOLDER_NOT_WRITABLE,
                                folders.req().toString()));
            }
        } finally {
            Files.setPosixFilePermissions(folders.req(), PosixFilePermissions.fromString("rwx------"));
        }

        Files.move(share, dir.resolve("unmounted"));
        assertThat(KioskCheck.linkFolders(folders, INSTITUTION))
                .extracting(KioskCheck.Finding::key, KioskCheck.Finding::reason)
                .containsExactly(
                        tuple("folders.face", CheckReason.LINK_FOLDER_MISSING),
                        tuple("folders.req", CheckReason.LINK_FOLDER_MISSING),
                        tuple("folders.res", CheckReason.LINK_FOLDER_MISSING));
    }

    @Test
    void theStartRefusesUketsukesOwnFaceSinkInTheLinkAppsFolders() {
        UketsukeConfig config = ((ConfigResult.Ok)
                        ConfigParser.parse(ConfigParserTest.MINIMAL + "backend.kind=folders\nfolders.share=/mnt/oqs\n"))
                .config();
        ProductionTerminal.notSharedWithLinkApp(config);
        UketsukeConfig.Sinks s = config.sinks();
        // A configuration made by other means than the parser, with the face sink in the 連携アプリ's face folder.
        UketsukeConfig racing = new UketsukeConfig(
                config.kioskAutostart(),
                config.javaOptions(),
                config.terminalId(),
                config.institutionCode(),
                config.language(),
                config.reader(),
                config.camera(),
                config.backend(),
                new UketsukeConfig.Sinks(
                        s.dataDir(),
                        s.sqlite(),
                        Path.of("/mnt/oqs/face"),
                        s.faceCharset(),
                        s.csv(),
                        s.postgresUrl(),
                        s.postgresUser(),
                        s.postgresCaFile(),
                        s.postgresAllowPlain(),
                        s.protection()),
                config.kiosk(),
                config.staff(),
                config.console(),
                config.folders());
        assertThatThrownBy(() -> ProductionTerminal.notSharedWithLinkApp(racing))
                .isInstanceOfSatisfying(
                        TerminalStartException.class, e -> assertThat(e.key()).isEqualTo("sink.face_folder"));
    }
}
