package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultBytes;
import org.uketsuke.eligibility.wire.ResultMessage;
import org.uketsuke.folders.face.PatientMatch;
import org.uketsuke.training.DemoProfile;
import org.uketsuke.training.ReaderMode;

/**
 * The staff console, unchanged, on the folders backend ({@code demo --backend folders}, decision 0012): a lookup by
 * insurance number typed into the console goes through the simulated 連携アプリ's {@code req}/{@code res} folders, and
 * the result the clinic's certified reader then leaves in {@code face} shows up on the reception list, matched to the
 * patient the store now knows; the pre-check's 一括照会 and the medical viewer's drug request go through the folders too;
 * the face folder gone and back is one notice on the console that changes.
 */
@ExtendWith(ApplicationExtension.class)
class FoldersConsoleUiTest {

    @TempDir
    static Path dataDir;

    private final Messages ja = new Messages(Messages.JAPANESE);
    private DemoProfile env;

    @Start
    void open(Stage kioskStage) {
        env = DemoProfile.startOverFolders(dataDir, ReaderMode.VIRTUAL, null);
        env.openWindows(kioskStage, new Stage(), ja);
    }

    @BeforeEach
    void signIn(FxRobot robot) throws Exception {
        DemoSignIn.receptionist(robot);
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    @Test
    void aLookupGoesThroughTheFoldersAndTheCertifiedReadersResultShowsUpMatched(FxRobot robot) throws Exception {
        Qualification person = env.backend().person(3);
        // Filled in at once rather than typed key by key: the form's validation is the same, the run shorter.
        robot.interact(() -> {
            field(robot, "#lookupInsurer").setText(person.card().insurer().value());
            field(robot, "#lookupSymbol").setText(person.card().symbol());
            field(robot, "#lookupNumber").setText(person.card().number());
            field(robot, "#lookupBranch").setText(person.card().branch());
            field(robot, "#lookupBirthdate")
                    .setText(person.birthdate().toString().replace("-", ""));
        });
        robot.clickOn("#lookupSubmit");

        TableView<ReceptionRecord> history = robot.lookup("#staffHistory").queryTableView();
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> row(history, person, IdentityMethod.INSURANCE_NUMBER).isPresent());
        assertThat(row(history, person, IdentityMethod.INSURANCE_NUMBER)
                        .orElseThrow()
                        .problem())
                .isEmpty();
        assertThat(requestsDone()).anyMatch(n -> n.startsWith("OQSsiquc01req_"));
        env.terminal().bridge().drain(); // the looked-up patient is in the store

        // Later the patient uses the clinic's certified reader; the 連携アプリ writes its result into face.
        AtomicFiles.write(
                dataDir.resolve("oqs-share/face/OQSsiquc01res_face_131123456700000000000000000042_20261204100000.xml"),
                ResultBytes.in(
                        QualificationXml.write(ResultMessage.confirmed(
                                "20261204100000", DemoProfile.DEMO_INSTITUTION_CODE, "reader-ui-1", person, null)),
                        CharacterCode.SHIFT_JIS));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> row(history, person, IdentityMethod.CERTIFIED_READER).isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        ReceptionRecord imported =
                row(history, person, IdentityMethod.CERTIFIED_READER).orElseThrow();
        assertThat(imported.patient()).containsInstanceOf(PatientMatch.Matched.class);
        assertThat(cell(history, "staff.col.method", imported)).isEqualTo(ja.get("queue.method.CERTIFIED_READER"));
        assertThat(cell(history, "staff.col.patient", imported))
                .isEqualTo(ja.get("staff.patient.by.INSURANCE", person.name()));

        // The pre-check runs its 一括照会 through the folders (upload, then fetch by reception number).
        Qualification booked = env.backend().person(5);
        Path csv = dataDir.resolve("booked-folders.csv");
        Files.write(
                csv,
                ("患者ID,保険者番号,記号,番号,枝番,生年月日\r\n" + "K-101,"
                                + booked.card().insurer().value() + ","
                                + booked.card().symbol() + "," + booked.card().number() + ","
                                + booked.card().branch()
                                + "," + booked.birthdate() + "\r\n")
                        .getBytes(Charset.forName("windows-31j")));
        robot.clickOn("#precheckTab");
        robot.interact(() -> field(robot, "#precheckFile").setText(csv.toString()));
        robot.clickOn("#precheckRun");
        Label summary = robot.lookup("#precheckSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> summary.getText().startsWith("1人を照会しました"));
        assertThat(summary.getText()).isEqualTo("1人を照会しました：確認済 1人・資格なし等 0人・未回答 0人");
        assertThat(requestsDone()).anyMatch(n -> n.startsWith("OQSmuquc01req_"));

        // The medical viewer offers the reader's patient and asks for their drugs with a YZK request.
        robot.clickOn("#medicalTab");
        robot.clickOn("#openMedical");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#medicalPatient").queryComboBox().getValue() != null);
        robot.clickOn("#medicalLoad");
        Label status = robot.lookup("#medicalStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !status.getText().equals(ja.get("medical.status.IDLE"))
                        && !status.getText().equals(ja.get("medical.status.LOADING")));
        assertThat(status.getText()).isNotEqualTo(ja.get("medical.status.UNAVAILABLE"));
        assertThat(requestsDone()).anyMatch(n -> n.startsWith("YZKsiquc01req_"));

        faceFolderGoneAndBack(robot, history); // in the same run: a second demo start would cost 15 s
    }

    /**
     * The 連携アプリ's face folder goes away (the share dropped): the console says so; when it is back, the same notice
     * says it is reachable again and that the results written meanwhile are being imported — and they are.
     */
    private void faceFolderGoneAndBack(FxRobot robot, TableView<ReceptionRecord> history) throws Exception {
        Path face = dataDir.resolve("oqs-share/face");
        Path away = dataDir.resolve("oqs-share/face-unmounted");
        Files.move(face, away);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !notices(robot, "共有が切れた").isEmpty());

        Qualification person = env.backend().person(7);
        AtomicFiles.write(
                away.resolve("OQSsiquc01res_face_131123456700000000000000000043_20261204110000.xml"),
                QualificationXml.write(ResultMessage.confirmed(
                        "20261204110000", DemoProfile.DEMO_INSTITUTION_CODE, "reader-ui-back", person, null)));
        Files.move(away, face);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !notices(robot, "再び接続しました").isEmpty());

        // One standing notice about the folder: the "gone" one was replaced, not stacked.
        assertThat(notices(robot, "face フォルダ"))
                .singleElement()
                .satisfies(text -> assertThat(text).contains(face.toString()).contains("件を取り込んでいます"));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> row(history, person, IdentityMethod.CERTIFIED_READER).isPresent());
    }

    /** The texts of the staff console's standing notices that contain {@code part}. */
    private static List<String> notices(FxRobot robot, String part) {
        return robot.lookup("#staffNotice").queryAllAs(Label.class).stream()
                .map(Label::getText)
                .filter(text -> text.contains(part))
                .toList();
    }

    private static List<String> requestsDone() throws Exception {
        try (Stream<Path> done = Files.list(dataDir.resolve("oqs-share/req/done"))) {
            return done.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static TextField field(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }

    private static Optional<ReceptionRecord> row(
            TableView<ReceptionRecord> history, Qualification person, IdentityMethod method) {
        return history.getItems().stream()
                .filter(r -> r.method().equals(Optional.of(method)))
                .filter(r -> r.qualification()
                        .map(q -> q.card().equals(person.card()))
                        .orElse(false))
                .findFirst();
    }

    /** What the console shows in the column headed {@code key} for {@code record}. */
    private String cell(TableView<ReceptionRecord> history, String key, ReceptionRecord record) {
        TableColumn<ReceptionRecord, ?> column = history.getColumns().stream()
                .filter(c -> c.getText().equals(ja.get(key)))
                .findFirst()
                .orElseThrow();
        return String.valueOf(column.getCellObservableValue(record).getValue());
    }
}
