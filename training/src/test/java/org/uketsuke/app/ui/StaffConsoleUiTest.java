package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
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
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.app.reception.ReconfirmList;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.DeliveryStatus;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.mockbackend.Fault;
import org.uketsuke.training.DemoProfile;
import org.uketsuke.training.DemoStaff;

/**
 * The staff console's レセコン tabs in real windows: a result the face folder could not take is listed with the reason,
 * parked, and re-sent by a click; a booked-patients file is checked in one batch with every bad row named.
 */
@ExtendWith(ApplicationExtension.class)
class StaffConsoleUiTest {

    @TempDir
    static Path dataDir;

    private DemoProfile env;

    @Start
    void open(Stage kioskStage) {
        env = DemoProfile.start(dataDir);
        env.openWindows(kioskStage, new Stage(), new Messages(Messages.JAPANESE));
    }

    /** The staff console opens behind its sign-in: re-sending needs the demo administrator. */
    @BeforeEach
    void signIn(FxRobot robot) throws Exception {
        DemoSignIn.as(robot, DemoStaff.ADMINISTRATOR);
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    @Test
    void aResultTheFaceFolderCouldNotTakeIsShownParkedAndReSentByStaff(FxRobot robot) throws Exception {
        Path face = dataDir.resolve("face");
        Path aside = dataDir.resolve("face-aside");
        Files.move(face, aside);
        Files.writeString(face, "the レセコン's share went away");
        try {
            Qualification person = env.backend().person(3);
            env.terminal().lookup().lookup(new InsuranceSearch(person.card(), person.birthdate(), false, "ui-resend"));
            // Stand in for the delivery worker's patience: attempts until the entry is parked.
            for (int i = 0; i < 25; i++) {
                env.terminal().bridge().drain();
            }
            assertThat(env.terminal().bridge().statuses().getLast().state()).isEqualTo(DeliveryStatus.State.FAILED);

            robot.clickOn("#deliveriesTab");
            robot.clickOn("#deliveriesRefresh");
            TableView<DeliveriesViewModel.Row> table =
                    robot.lookup("#deliveriesTable").queryTableView();
            WaitForAsyncUtils.waitFor(
                    10,
                    TimeUnit.SECONDS,
                    () -> table.getItems().stream().anyMatch(r -> r.key().equals("ui-resend") && r.resendable()));
            DeliveriesViewModel.Row parked = table.getItems().stream()
                    .filter(r -> r.key().equals("ui-resend"))
                    .findFirst()
                    .orElseThrow();
            assertThat(parked.state()).isEqualTo("送信停止（再送できます）");
            assertThat(parked.waitingFor()).isEqualTo("faceフォルダ");
            assertThat(parked.detail()).startsWith("face-folder:");
            assertThat(robot.lookup("#deliveriesTab").queryAs(Node.class)).isNotNull();
        } finally {
            Files.delete(face);
            Files.move(aside, face);
        }
        TableView<DeliveriesViewModel.Row> table =
                robot.lookup("#deliveriesTable").queryTableView();
        long filesBefore = resultFiles(face);
        int index = indexOf(table, "ui-resend");
        robot.interact(() -> table.getSelectionModel().select(index));
        robot.clickOn("#deliveriesResend");
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> table.getItems().stream()
                        .anyMatch(r -> r.key().equals("ui-resend") && r.state().equals("送信済み")));
        assertThat(resultFiles(face)).isEqualTo(filesBefore + 1);
    }

    private static long resultFiles(Path face) throws Exception {
        try (var files = Files.list(face)) {
            return files.filter(p -> p.getFileName().toString().startsWith("OQSsiquc01res_"))
                    .count();
        }
    }

    @Test
    void aBookedPatientsFileIsCheckedInOneBatchAndEveryBadRowIsNamed(FxRobot robot) throws Exception {
        Qualification first = env.backend().person(1);
        Qualification second = env.backend().person(2);
        String csv = "患者ID,保険者番号,記号,番号,枝番,生年月日\r\n"
                + row("K-001", first, first.birthdate().toString())
                + row("K-002", second, second.birthdate().toString())
                + row("K-003", first, "1900-01-01")
                + "K-004,01130013,1,2,00,19700101\r\n";
        Path file = dataDir.resolve("booked-20261203.csv");
        Files.write(file, csv.getBytes(Charset.forName("windows-31j")));

        robot.clickOn("#precheckTab");
        robot.clickOn("#precheckFile").write(file.toString());
        robot.clickOn("#precheckRun");
        Label summary = robot.lookup("#precheckSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> summary.getText().startsWith("3人を照会しました"));
        assertThat(summary.getText()).isEqualTo("3人を照会しました：確認済 2人・資格なし等 1人・未回答 0人");
        assertThat(robot.lookup("#precheckProblems").queryAs(Label.class).getText())
                .startsWith("5行目:");
        ListView<String> missing = robot.lookup("#precheckNotConfirmed").queryListView();
        assertThat(missing.getItems()).containsExactly("K-003: 有効な保険資格が見つかりませんでした。");
    }

    @Test
    void aVisitWithoutQualificationIsWalkedThroughAndReconfirmedAndTheHomeVisitTabRuns(FxRobot robot) throws Exception {
        Qualification person = env.backend().person(4);
        // The kiosk's record of a card visit that met 資格無効 (the terminal lists every such record).
        env.terminal()
                .reconfirm()
                .add(ReceptionRecord.failed(Instant.now(), Problem.QUALIFICATION_LOST)
                        .withMethod(IdentityMethod.PIN));
        ConsoleTabs.select(robot, "reconfirmTab");
        TableView<ReconfirmViewModel.Row> table =
                robot.lookup("#reconfirmTable").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        assertThat(robot.lookup("#reconfirmRecord").queryButton().isDisabled())
                .as("nothing selected yet")
                .isTrue();
        robot.interact(() -> table.getSelectionModel().select(0));
        // The staff scroll down to the form below the steps.
        robot.interact(
                () -> robot.lookup("#reconfirmScroll").queryAs(ScrollPane.class).setVvalue(1));
        assertThat(robot.lookup("#reconfirmGuidance").queryLabeled().getText())
                .contains("資格情報のお知らせ")
                .contains("被保険者資格申立書");
        robot.clickOn("#reconfirmRecord");
        assertThat(robot.lookup("#reconfirmProblems").queryLabeled().getText()).isEqualTo("患者さんが見せた書類を選んでください。");
        ChoiceBox<ReconfirmList.Evidence> evidence =
                robot.lookup("#reconfirmEvidence").query();
        robot.interact(() -> evidence.getSelectionModel().select(ReconfirmList.Evidence.QUALIFICATION_NOTICE));
        robot.clickOn("#reconfirmInsurer").write(person.card().insurer().value());
        robot.clickOn("#reconfirmSymbol").write(person.card().symbol());
        robot.clickOn("#reconfirmNumber").write(person.card().number());
        robot.clickOn("#reconfirmBranch").write(person.card().branch());
        robot.clickOn("#reconfirmBirthdate").write(person.birthdate().toString().replace("-", ""));
        robot.clickOn("#reconfirmRecord");
        Label outcome = robot.lookup("#reconfirmOutcome").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outcome.getText().startsWith("確認できました"));
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> table.getItems().getFirst().entry().state() == ReconfirmList.State.CONFIRMED);
        assertThat(table.getItems().getFirst().evidence()).isEqualTo("資格情報のお知らせ（カードと一緒に）");
        TableView<ReceptionRecord> history = robot.lookup("#staffHistory").queryTableView();
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !history.getItems().isEmpty());
        assertThat(history.getItems().getFirst().qualification().orElseThrow().card())
                .isEqualTo(person.card());

        ConsoleTabs.select(robot, "homevisitTab");
        robot.clickOn("#homevisitFirstHOME_VISIT");
        assertThat(env.terminal().visitScenario().current()).isEqualTo(ConsentScenario.HOME_VISIT);
        robot.clickOn("#homevisitFirstOUTPATIENT");
        assertThat(robot.lookup("#homevisitByEXAMINATION")
                        .queryAs(RadioButton.class)
                        .isDisabled())
                .as("訪問診療 selects by consent dates only")
                .isTrue();
        robot.clickOn("#homevisitOnline");
        robot.clickOn("#homevisitByEXAMINATION");
        assertThat(robot.lookup("#homevisitFromLabel").queryLabeled().getText()).isEqualTo("受診日");
        robot.clickOn("#homevisitRun");
        Label summary = robot.lookup("#homevisitSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> summary.getText().startsWith("期間内に同意した患者"));
        assertThat(summary.getText()).isEqualTo("期間内に同意した患者 0人、確認済 0人");
    }

    @Test
    void aLookupDuringAnOutageIsKeptAndConfirmedByItselfOnceTheLineIsBack(FxRobot robot) throws Exception {
        Qualification person = env.backend().person(6);
        env.backend().injectFault(new Fault.Status(503), Integer.MAX_VALUE);
        robot.clickOn("#lookupInsurer").write(person.card().insurer().value());
        robot.clickOn("#lookupSymbol").write(person.card().symbol());
        robot.clickOn("#lookupNumber").write(person.card().number());
        robot.clickOn("#lookupBranch").write(person.card().branch());
        robot.clickOn("#lookupBirthdate").write(person.birthdate().toString().replace("-", ""));
        robot.clickOn("#lookupSubmit");
        TableView<ReceptionRecord> history = robot.lookup("#staffHistory").queryTableView();
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> !history.getItems().isEmpty());
        assertThat(history.getItems().getFirst().problem()).contains(Problem.QUEUED_FOR_RETRY);
        assertThat(env.terminal().pendingLookups().waiting()).isEqualTo(1);
        int entriesBefore = env.terminal().bridge().statuses().size();

        env.backend().injectFault(new Fault.None(), 0);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> history.getItems().size() == 2);
        assertThat(history.getItems().getFirst().problem()).isEmpty();
        assertThat(history.getItems()
                        .getFirst()
                        .qualification()
                        .orElseThrow()
                        .card()
                        .number())
                .isEqualTo(person.card().number());
        assertThat(env.terminal().pendingLookups().waiting()).isZero();
        assertThat(env.terminal().bridge().statuses()).hasSize(entriesBefore + 1);
    }

    @Test
    void theStaffSeeWhatTheStoreHoldsDifferentlyAndRemoveTheOutdatedInsurance(FxRobot robot) throws Exception {
        Qualification person = env.backend().person(8);
        // The レセコン still has the patient's previous insurance (2割, another insurer) from an earlier visit.
        Qualification previous = new Qualification(
                new InsuranceCardId(InsurerNumber.of("01130012"), "9876", "54321", "00"),
                "全国健康保険協会東京支部",
                person.name(),
                person.nameKana(),
                person.birthdate(),
                person.sex(),
                person.personalFamily(),
                new ContributionRatio(20),
                LocalDate.of(2015, 4, 1));
        env.terminal()
                .bridge()
                .submit(new Confirmation(
                        "earlier-visit",
                        Instant.parse("2026-06-01T00:00:00Z"),
                        IdentityMethod.INSURANCE_NUMBER,
                        new ConfirmationOutcome.Confirmed(previous, "20260601090000", null)));
        env.terminal().bridge().drain();

        var record = env.terminal()
                .lookup()
                .lookup(new InsuranceSearch(person.card(), person.birthdate(), false, "consistency-1"));
        assertThat(record.qualification()).isPresent();
        TableView<ReceptionRecord> history = robot.lookup("#staffHistory").queryTableView();
        robot.interact(() -> {
            history.getItems().addFirst(record);
            history.getSelectionModel().select(0);
        });
        robot.clickOn("#consistencyCheck");
        Label result = robot.lookup("#consistencyResult").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.getText().startsWith("レセコンに確認結果と異なる登録が1件"));
        assertThat(result.getText())
                .contains("番号: 登録 54321 / 確認 " + person.card().number())
                .contains("保険者番号: 登録 01130012 / 確認 " + person.card().insurer().value());
        robot.clickOn("#consistencyUpdate");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.getText().startsWith("レセコンの登録を更新しました"));
        assertThat(result.getText()).contains("1件");
        assertThat(env.terminal()
                        .bridge()
                        .databaseStore()
                        .orElseThrow()
                        .insurancesOf(person.birthdate(), person.nameKana()))
                .singleElement()
                .satisfies(i -> assertThat(i.number()).isEqualTo(person.card().number()));
        robot.clickOn("#consistencyCheck");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.getText().equals("レセコンの登録は確認結果と一致しています。"));
    }

    private static String row(String id, Qualification q, String birthdate) {
        return id + "," + q.card().insurer().value() + "," + q.card().symbol() + ","
                + q.card().number() + "," + q.card().branch() + "," + birthdate + "\r\n";
    }

    private static int indexOf(TableView<DeliveriesViewModel.Row> table, String key) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).key().equals(key)) {
                return i;
            }
        }
        throw new AssertionError("no row " + key);
    }
}
