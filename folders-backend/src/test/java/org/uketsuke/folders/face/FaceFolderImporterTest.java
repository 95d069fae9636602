package org.uketsuke.folders.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.FaceFolderSink;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultBytes;
import org.uketsuke.folders.LinkAppFixture;

/**
 * What real {@code face} folders do, each against the real outbox and SQLite store: files still being written, locked,
 * twice, in Shift_JIS, broken, there before the start (and after a restart), the folder gone and back, and the files
 * of Uketsuke's own face sink.
 */
class FaceFolderImporterTest {

    static List<byte[]> results = new ArrayList<>();

    @TempDir
    Path dir;

    Path face;
    RececonBridge bridge;
    FaceFolderImporter importer;
    List<FaceFolderImporter.Imported> imported = new ArrayList<>();

    @BeforeAll
    static void results() {
        for (int i = 0; i < 4; i++) {
            results.add(FaceFiles.result(5 + i, "face-test-" + i));
        }
    }

    @BeforeEach
    void open() throws Exception {
        face = Files.createDirectories(dir.resolve("share/face"));
        bridge = RececonBridge.open(new BridgeConfig(
                dir.resolve("outbox.db"),
                dir.resolve("rececon.db"),
                null,
                LinkAppFixture.INSTITUTION,
                StandardCharsets.UTF_8));
        importer = start();
    }

    private FaceFolderImporter start() {
        FaceFolderImporter started = new FaceFolderImporter(
                new FaceFolderImporter.Settings(
                        face, dir.resolve("face-import.db"), dir.resolve("set-aside"), null, Duration.ZERO),
                bridge,
                PatientDirectory.of(bridge),
                Clock.systemUTC());
        started.onImported(imported::add);
        return started;
    }

    private static String name(int n) {
        return FaceFiles.name(n);
    }

    /** Two passes: the first sees a file, the second takes it once it stayed the same. */
    private FaceFolderImporter.Pass settle() {
        FaceFolderImporter.Pass first = importer.pass();
        FaceFolderImporter.Pass second = importer.pass();
        return new FaceFolderImporter.Pass(
                first.imported() + second.imported(),
                first.notConfirmed() + second.notConfirmed(),
                first.duplicates() + second.duplicates(),
                first.setAside() + second.setAside(),
                second.waiting());
    }

    private int storeRows() throws Exception {
        bridge.drain();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                ResultSet rs = db.createStatement()
                        .executeQuery("select count(*), count(distinct idempotency_key) from qualification")) {
            rs.next();
            assertThat(rs.getInt(2)).isEqualTo(rs.getInt(1));
            return rs.getInt(1);
        }
    }

    @Test
    void aResultBecomesOneConfirmationWithItsBytesAndTheFileStaysUntouched() throws Exception {
        Path file = Files.write(face.resolve(name(1)), results.getFirst());
        Instant modified = Files.getLastModifiedTime(file).toInstant();

        assertThat(importer.pass().waiting()).isEqualTo(1); // first sight: it may still be growing
        assertThat(importer.pass().imported()).isEqualTo(1);
        assertThat(importer.pass().imported()).isZero();

        assertThat(storeRows()).isEqualTo(1);
        assertThat(imported).singleElement().satisfies(i -> {
            assertThat(i.confirmation().method()).isEqualTo(IdentityMethod.CERTIFIED_READER);
            assertThat(i.confirmation().result().received().orElseThrow().bytes())
                    .isEqualTo(results.getFirst());
            assertThat(i.match()).isInstanceOf(PatientMatch.Unknown.class); // a first visit
        });
        assertThat(Files.readAllBytes(file)).isEqualTo(results.getFirst());
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(modified);

        // The same patient at the certified reader again: now a patient of the store, found by their card.
        Files.write(face.resolve(name(100)), FaceFiles.result(5, "second-visit"));
        settle();
        assertThat(imported)
                .hasSize(2)
                .last()
                .satisfies(i -> assertThat(i.match()).isInstanceOfSatisfying(PatientMatch.Matched.class, m -> {
                    assertThat(m.by()).isEqualTo(PatientMatch.By.INSURANCE);
                    assertThat(m.patient().nameKana())
                            .isEqualTo(FaceFiles.PEOPLE.get(5).nameKana());
                    assertThat(m.changes()).isEmpty();
                }));
    }

    @Test
    void aHalfWrittenFileWaitsUntilItIsWhole() throws Exception {
        byte[] whole = results.get(1);
        Path file = Files.write(face.resolve(name(2)), Arrays.copyOf(whole, whole.length / 2));
        assertThat(importer.pass().waiting()).isEqualTo(1);
        Files.write(file, Arrays.copyOfRange(whole, whole.length / 2, whole.length), StandardOpenOption.APPEND);

        assertThat(importer.pass().imported()).isZero(); // changed since the last look
        assertThat(importer.pass().imported()).isEqualTo(1);
        assertThat(importer.alerts()).isEmpty();
        assertThat(storeRows()).isEqualTo(1);
    }

    @Test
    void aLockedFileWaitsForItsWriter() throws Exception {
        Path file = Files.write(face.resolve(name(3)), results.get(2));
        try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE);
                FileLock lock = writer.lock()) {
            assertThat(settle().imported()).isZero();
            assertThat(lock.isValid()).isTrue();
        }
        assertThat(importer.pass().imported()).isEqualTo(1);
    }

    @Test
    void theSameResultTwiceIsImportedOnce() throws Exception {
        Files.write(face.resolve(name(4)), results.get(3));
        Files.write(face.resolve(name(5)), results.get(3));

        FaceFolderImporter.Pass pass = settle();

        assertThat(pass.imported()).isEqualTo(1);
        assertThat(pass.duplicates()).isEqualTo(1);
        assertThat(storeRows()).isEqualTo(1);
    }

    @Test
    void aShiftJisFileIsReadInItsOwnCharacterSet() throws Exception {
        byte[] sjis = ResultBytes.in(results.get(1), CharacterCode.SHIFT_JIS);
        Files.write(face.resolve(name(6)), sjis);

        assertThat(settle().imported()).isEqualTo(1);

        Qualification original =
                ((ConfirmationOutcome.Confirmed) QualificationXml.outcomeOf(results.get(1))).qualification();
        assertThat(imported)
                .singleElement()
                .satisfies(i -> assertThat(
                                i.confirmation().result().qualification().name())
                        .isEqualTo(original.name()));
    }

    @Test
    void aBrokenFileIsCopiedAsideWithItsReasonAndStaffAreAlerted() throws Exception {
        byte[] broken = "<XmlMsg><MessageHeader>no end".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(face.resolve(name(7)), broken);

        assertThat(settle().setAside()).isEqualTo(1);
        assertThat(settle().setAside()).isZero(); // remembered: set aside once

        assertThat(Files.readAllBytes(file)).isEqualTo(broken); // the 連携アプリ's file is not touched
        assertThat(dir.resolve("set-aside").resolve(name(7))).hasBinaryContent(broken);
        assertThat(dir.resolve("set-aside").resolve(name(7) + ".reason.txt")).exists();
        assertThat(importer.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(FaceFolderImporter.Alert.Kind.SET_ASIDE);
            assertThat(a.fileName()).isEqualTo(name(7));
        });
        assertThat(storeRows()).isZero();
    }

    /** Archiving configured: imported files move to the archive, an unreadable one is moved (not copied) aside. */
    @Test
    void withArchivingImportedFilesMoveToTheArchiveAndABrokenOneAside() throws Exception {
        importer.close();
        Path archive = dir.resolve("archive");
        importer = new FaceFolderImporter(
                new FaceFolderImporter.Settings(
                        face, dir.resolve("face-import.db"), dir.resolve("set-aside"), archive, Duration.ZERO),
                bridge,
                PatientDirectory.of(bridge),
                Clock.systemUTC());
        Files.write(face.resolve(name(30)), results.get(2));
        byte[] broken = "<XmlMsg>".getBytes(StandardCharsets.UTF_8);
        Files.write(face.resolve(name(31)), broken);

        FaceFolderImporter.Pass pass = settle();

        assertThat(pass.imported()).isEqualTo(1);
        assertThat(pass.setAside()).isEqualTo(1);
        assertThat(face.resolve(name(30))).doesNotExist();
        assertThat(archive.resolve(name(30))).hasBinaryContent(results.get(2));
        assertThat(face.resolve(name(31))).doesNotExist();
        assertThat(dir.resolve("set-aside").resolve(name(31))).hasBinaryContent(broken);
        assertThat(storeRows()).isEqualTo(1);
    }

    @Test
    void filesFromBeforeTheStartAreImportedOnceAcrossRestarts() throws Exception {
        Files.write(face.resolve(name(8)), results.get(0));
        Files.write(face.resolve(name(9)), results.get(1));
        assertThat(settle().imported()).isEqualTo(2);
        importer.close();

        importer = start();

        assertThat(settle()).isEqualTo(new FaceFolderImporter.Pass(0, 0, 0, 0, 0));
        assertThat(storeRows()).isEqualTo(2);
    }

    @Test
    void theShareGoingAwayIsAnAlertAndImportsGoOnWhenItIsBack() throws Exception {
        Files.write(face.resolve(name(10)), results.get(0));
        assertThat(settle().imported()).isEqualTo(1);
        Files.delete(face.resolve(name(10)));
        Files.delete(face); // unmounted

        assertThat(settle().imported()).isZero();
        assertThat(importer.alerts())
                .singleElement()
                .extracting(FaceFolderImporter.Alert::kind)
                .isEqualTo(FaceFolderImporter.Alert.Kind.FOLDER_UNREACHABLE);

        Files.createDirectories(face); // mounted again, with the old file and a new one
        Files.write(face.resolve(name(10)), results.get(0));
        Files.write(face.resolve(name(11)), results.get(2));
        FaceFolderImporter.Pass back = settle();

        assertThat(back.imported()).isEqualTo(1);
        assertThat(storeRows()).isEqualTo(2);
        // Said once it is back, with the one file this importer has not seen yet; gone again is a new alert.
        assertThat(importer.alerts()).hasSize(2).last().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(FaceFolderImporter.Alert.Kind.FOLDER_BACK);
            assertThat(alert.detail()).isEqualTo("1");
        });
        Files.delete(face.resolve(name(10)));
        Files.delete(face.resolve(name(11)));
        Files.delete(face);
        settle();
        assertThat(importer.alerts())
                .extracting(FaceFolderImporter.Alert::kind)
                .containsExactly(
                        FaceFolderImporter.Alert.Kind.FOLDER_UNREACHABLE,
                        FaceFolderImporter.Alert.Kind.FOLDER_BACK,
                        FaceFolderImporter.Alert.Kind.FOLDER_UNREACHABLE);
    }

    /**
     * A file listing several people's results: each is its own confirmation with its own key, its own bytes (the file
     * with that result alone) and its own patient match; once, however often the importer restarts.
     */
    @Test
    void eachResultOfAFileIsItsOwnConfirmationMatchedToItsOwnPatient() throws Exception {
        Files.write(face.resolve(name(40)), FaceFiles.result(12, "known-before"));
        settle();
        bridge.drain(); // person 12 is a patient of the store now
        byte[] three = FaceFiles.several("several-1", 11, 12, 13);
        Files.write(face.resolve(name(41)), three);

        assertThat(settle().imported()).isEqualTo(3);

        List<FaceFolderImporter.Imported> fromFile = imported.subList(1, 4);
        String fileKey = fromFile.getFirst().confirmation().idempotencyKey();
        assertThat(fileKey).startsWith("face-");
        assertThat(fromFile)
                .extracting(i -> i.confirmation().idempotencyKey())
                .containsExactly(fileKey, fileKey + "-2", fileKey + "-3");
        for (int i = 0; i < 3; i++) {
            Qualification person = FaceFiles.PEOPLE.get(11 + i);
            FaceFolderImporter.Imported one = fromFile.get(i);
            assertThat(one.fileName()).isEqualTo(name(41));
            assertThat(one.confirmation().result().qualification()).isEqualTo(person);
            // What the outbox and the stores keep is this result alone.
            assertThat(QualificationXml.parseResult(one.confirmation()
                                    .result()
                                    .received()
                                    .orElseThrow()
                                    .bytes())
                            .qualifications())
                    .containsExactly(person);
        }
        assertThat(fromFile.get(0).match()).isInstanceOf(PatientMatch.Unknown.class);
        assertThat(fromFile.get(1).match()).isInstanceOf(PatientMatch.Matched.class); // seen at the reader before
        assertThat(fromFile.get(2).match()).isInstanceOf(PatientMatch.Unknown.class);
        assertThat(storeRows()).isEqualTo(4);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                ResultSet rs = db.createStatement()
                        .executeQuery("select name, result_xml from qualification where idempotency_key like '"
                                + fileKey + "%'")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                String name = rs.getString(1);
                assertThat(rs.getString(2)).contains(name);
                for (int other = 11; other <= 13; other++) {
                    String otherName = FaceFiles.PEOPLE.get(other).name();
                    if (!otherName.equals(name)) {
                        assertThat(rs.getString(2)).doesNotContain(otherName);
                    }
                }
            }
            assertThat(rows).isEqualTo(3);
        }

        importer.close();
        importer = start();
        assertThat(settle()).isEqualTo(new FaceFolderImporter.Pass(0, 0, 0, 0, 0));
        assertThat(storeRows()).isEqualTo(4);
    }

    @Test
    void ourOwnFaceSinksFilesComeBackAsTheSameConfirmations() throws Exception {
        Path ours = dir.resolve("our-face");
        FaceFolderSink sink = new FaceFolderSink(ours, LinkAppFixture.INSTITUTION, Charset.forName("Shift_JIS"));
        try (RececonBridge writer = RececonBridge.open(dir.resolve("writer-outbox.db"), List.of(sink), "1311234567")) {
            for (int i = 0; i < 3; i++) {
                ConfirmationOutcome.Confirmed confirmed =
                        (ConfirmationOutcome.Confirmed) QualificationXml.outcomeOf(results.get(i));
                String key = QualificationXml.parseResult(results.get(i)).arbitraryFileIdentifier();
                writer.submit(new Confirmation(key, Instant.now(), IdentityMethod.PIN, confirmed));
            }
            writer.drain();
        }
        try (var files = Files.list(ours)) {
            for (Path file : files.toList()) {
                Files.copy(file, face.resolve(file.getFileName()));
            }
        }

        assertThat(settle().imported()).isEqualTo(3);

        assertThat(imported)
                .extracting(i -> i.confirmation().idempotencyKey())
                .containsExactlyInAnyOrder("face-test-0", "face-test-1", "face-test-2");
        assertThat(storeRows()).isEqualTo(3);
    }

    /** A fixture shaped like the face files of YUKI-ENT/OQSDrug2 (docs/spec-notes/face-files.md#public-samples). */
    private static byte[] oqsDrug2(String name) throws Exception {
        try (var in = FaceFolderImporterTest.class.getResourceAsStream("oqsdrug2/" + name)) {
            return in.readAllBytes();
        }
    }

    static final String SHAHO = "OQSsiquc01res_face_1311234567000000000000000001_20261204093000.xml";
    static final String HOUMON = "OQSsiquc01res_face_131123456760000000000000000002_20261204094500.xml";
    static final String FUJO = "OQSsiquc01res_face_131123456740000000000000000003_20261204100000.xml";

    @Test
    void filesShapedLikeAPublicClinicSideProgramsAreImportedAsWritten() throws Exception {
        for (String name : List.of(SHAHO, HOUMON, FUJO)) {
            Files.write(face.resolve(name), oqsDrug2(name));
        }

        FaceFolderImporter.Pass pass = settle();

        assertThat(storeRows()).isEqualTo(3);
        assertThat(imported).hasSize(3);
        assertThat(pass.setAside()).isZero();
        assertThat(importer.alerts()).isEmpty();
        FaceFolderImporter.Imported card = imported.stream()
                .filter(i -> i.fileName().equals(SHAHO))
                .findFirst()
                .orElseThrow();
        Qualification q = card.confirmation().result().qualification();
        // Code page 932 labelled shift_jis: 髙 (an IBM extension) is read, not replaced.
        assertThat(q.name()).isEqualTo("髙橋　一郎");
        assertThat(q.nameKana()).isEqualTo("ﾀｶﾊｼ ｲﾁﾛｳ");
        assertThat(q.card().symbol()).isEqualTo("7010"); // full-width in the file, normalised in the card id
        assertThat(q.referenceNumber().orElseThrow().value()).isEqualTo("P-0042");
        assertThat(card.confirmation().method()).isEqualTo(IdentityMethod.CERTIFIED_READER);
        assertThat(card.confirmation().idempotencyKey()).startsWith("face-");
        assertThat(card.confirmation().result().received().orElseThrow().bytes())
                .isEqualTo(oqsDrug2(SHAHO));

        // A 訪問診療 batch's result (照会区分 B) was no card at a reader. Of its two results the second is the 国保 the
        // patient lost in 2010, listed beside the current 後期高齢者 one: history, not a confirmation. Its 20-digit name
        // is not taken for our own sink's digest.
        FaceFolderImporter.Imported batch = onlyFrom(HOUMON);
        assertThat(batch.confirmation().method()).isEqualTo(IdentityMethod.INSURANCE_NUMBER);
        assertThat(batch.confirmation()
                        .result()
                        .qualification()
                        .card()
                        .insurer()
                        .value())
                .isEqualTo("39131230");
        assertThat(batch.confirmation().idempotencyKey()).startsWith("face-");
        assertThat(new String(
                        batch.confirmation().result().received().orElseThrow().bytes(), Charset.forName("windows-31j")))
                .doesNotContain("受付区国民健康保険")
                .contains("東京都後期高齢者医療広域連合");

        // A 医療扶助 result: no insurance beside it, its 公費負担者番号 and 受給者番号 where an insurance's numbers stand,
        // no 負担割合, and its 医療券. A confirmation of the 医療扶助 kind, delivered like the kiosk's own.
        FaceFolderImporter.Imported aid = onlyFrom(FUJO);
        Qualification assisted = aid.confirmation().result().qualification();
        assertThat(assisted.particulars().cardClassification().medicalAid()).isTrue();
        assertThat(assisted.card().insurer().value()).isEqualTo("12130019");
        assertThat(assisted.card().number()).isEqualTo("3000015");
        assertThat(assisted.contributionRatio().percent()).isZero();
        assertThat(assisted.particulars().medicalTickets()).singleElement().satisfies(ticket -> {
            assertThat(ticket.payer().value()).isEqualTo("12130019");
            assertThat(ticket.recipient().value()).isEqualTo("3000015");
            assertThat(ticket.validEnd()).isEqualTo(LocalDate.of(2026, 12, 31));
        });
        assertThat(aid.confirmation().method()).isEqualTo(IdentityMethod.INSURANCE_NUMBER);
        assertThat(aid.match()).isInstanceOf(PatientMatch.Unknown.class);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                ResultSet rs = db.createStatement()
                        .executeQuery("select payer_number, recipient_number from medical_ticket"
                                + " where idempotency_key = '"
                                + aid.confirmation().idempotencyKey() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("12130019");
            assertThat(rs.getString(2)).isEqualTo("3000015");
        }
        assertThat(Files.readAllBytes(face.resolve(FUJO))).isEqualTo(oqsDrug2(FUJO));
    }

    private FaceFolderImporter.Imported onlyFrom(String fileName) {
        List<FaceFolderImporter.Imported> from =
                imported.stream().filter(i -> i.fileName().equals(fileName)).toList();
        assertThat(from).as(fileName).hasSize(1);
        return from.getFirst();
    }

    /** Only a 医療扶助 result that names neither its 公費負担者番号 nor its 受給者番号 cannot be used: set aside, said. */
    @Test
    void aMedicalAidResultWithoutItsNumbersIsSetAside() throws Exception {
        String text = new String(oqsDrug2(FUJO), Charset.forName("windows-31j"))
                .replace("<InsurerNumber>12130019</InsurerNumber>", "")
                .replace("<InsuredIdentificationNumber>3000015</InsuredIdentificationNumber>", "");
        Files.write(face.resolve(name(50)), text.getBytes(Charset.forName("windows-31j")));

        assertThat(settle().setAside()).isEqualTo(1);

        assertThat(importer.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(FaceFolderImporter.Alert.Kind.SET_ASIDE);
            assertThat(alert.detail()).contains("InsurerNumber");
        });
        assertThat(storeRows()).isZero();
    }
}
