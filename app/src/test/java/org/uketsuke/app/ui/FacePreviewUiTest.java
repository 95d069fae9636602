package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.app.reception.CameraPreview;
import org.uketsuke.app.reception.FacePreviewFeed;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.face.pipeline.FacePipeline;
import org.uketsuke.face.pipeline.QualityIssue;

/**
 * The live preview pane in a real window: the demo's recorded camera through face-match's real quality gates (a
 * {@link CameraPreview} feeding the view model); the
 * picture shows and the words are the guidance for what the pipeline saw. A camera that gives nothing says so.
 */
@ExtendWith(ApplicationExtension.class)
class FacePreviewUiTest {

    private Stage stage;

    @Start
    void open(Stage stage) {
        this.stage = stage;
    }

    @Test
    void everyQualityIssueHasItsOwnWordsInBothLanguages() {
        for (Locale locale : List.of(Messages.JAPANESE, Messages.ENGLISH)) {
            Messages messages = new Messages(locale);
            List<String> words = Arrays.stream(QualityIssue.values())
                    .map(q -> FacePreviewViewModel.guidance(q, messages))
                    .toList();
            assertThat(words)
                    .doesNotHaveDuplicates()
                    .allSatisfy(w -> assertThat(w).isNotBlank());
            assertThat(words).doesNotContain(FacePreviewViewModel.guidance(null, messages));
        }
        assertThat(FacePreviewViewModel.guidance(QualityIssue.TOO_SMALL, new Messages(Messages.JAPANESE)))
                .isEqualTo("もう少し近づいてください。");
    }

    @Test
    void theRecordedCameraShowsItsPictureAndTheGuidanceForWhatThePipelineSaw(FxRobot robot) throws Exception {
        Messages messages = new Messages(Messages.JAPANESE);
        FacePipeline pipeline = new FacePipeline();
        FacePreviewFeed feed = new FacePreviewFeed();
        FacePreviewViewModel model = FacePreviewViewModel.fed(feed, Platform::runLater, () -> messages);
        try (CameraSource camera = DemoFrames.camera();
                CameraPreview preview = new CameraPreview(
                        camera,
                        pipeline::analyse,
                        Executors.newSingleThreadExecutor(
                                r -> Thread.ofPlatform().daemon().unstarted(r)),
                        feed)) {
            robot.interact(() -> {
                stage.setScene(Theme.apply(new Scene(new FacePreviewPane(model).root(), 800, 600)));
                stage.show();
            });
            preview.start();
            WaitForAsyncUtils.waitFor(
                    30,
                    TimeUnit.SECONDS,
                    () -> robot.lookup("#facePreview").queryAs(ImageView.class).getImage() != null);
            WaitForAsyncUtils.waitForFxEvents();
            // The demo portrait is one person, well lit, large: the pipeline finds the face.
            assertThat(robot.lookup("#faceGuidance").queryAs(Label.class).getText())
                    .isEqualTo("そのままお待ちください。");
            assertThat(robot.lookup("#faceHint").queryAs(Label.class).getText()).contains("マスク");
            assertThat(robot.lookup("#facePreview")
                            .queryAs(ImageView.class)
                            .getImage()
                            .getWidth())
                    .isGreaterThan(100);
        }
    }

    @Test
    void aCameraThatGivesNothingSaysSo(FxRobot robot) throws Exception {
        Messages messages = new Messages(Messages.ENGLISH);
        CameraSource unplugged = new CameraSource() {
            @Override
            public Capture next() {
                return new Capture.Unavailable("unplugged");
            }

            @Override
            public void close() {}
        };
        FacePreviewFeed feed = new FacePreviewFeed();
        FacePreviewViewModel model = FacePreviewViewModel.fed(feed, Platform::runLater, () -> messages);
        try (CameraPreview preview = new CameraPreview(
                unplugged,
                frame -> {
                    throw new AssertionError("no frame to analyse");
                },
                Executors.newSingleThreadExecutor(
                        r -> Thread.ofPlatform().daemon().unstarted(r)),
                feed)) {
            robot.interact(() -> {
                stage.setScene(Theme.apply(new Scene(new FacePreviewPane(model).root(), 800, 600)));
                stage.show();
            });
            preview.start();
            WaitForAsyncUtils.waitFor(
                    10, TimeUnit.SECONDS, () -> !model.guidance.get().isEmpty());
            assertThat(model.guidance.get()).isEqualTo("The camera cannot be used. Please ask the staff.");
        }
    }
}
