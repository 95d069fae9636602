package org.uketsuke.app.ui;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.uketsuke.app.reception.FacePreviewFeed;
import org.uketsuke.face.pipeline.QualityIssue;

/**
 * The live camera picture for the kiosk's face screen and what to tell the patient about it, frame by frame, from
 * face-match's own quality gates ({@link QualityIssue}: come closer, hold still, one person only, look at the camera,
 * light). Frames come from a {@link FacePreviewFeed} (the face check's, or a camera's own through
 * {@link org.uketsuke.app.reception.CameraPreview}); the picture and the words are set on the FX executor. Holds
 * plain pixels ({@link PreviewPicture}); the view makes the image.
 */
public final class FacePreviewViewModel {

    public final ObjectProperty<PreviewPicture> picture = new SimpleObjectProperty<>();
    public final StringProperty guidance = new SimpleStringProperty("");
    /** face-match does not tell a mask or glasses apart, so this hint stays on screen. */
    public final StringProperty hint = new SimpleStringProperty("");

    private FacePreviewViewModel(Messages messages) {
        this.hint.set(messages.get("face.guidance.hint"));
    }

    /**
     * Each frame of the feed becomes the picture with its guidance; at the decision the picture goes.
     * {@code messages} is asked at each frame, so a language switch on the kiosk applies at once.
     */
    public static FacePreviewViewModel fed(FacePreviewFeed feed, Executor fx, Supplier<Messages> messages) {
        FacePreviewViewModel model = unfed(messages.get());
        model.follow(feed, fx, messages);
        return model;
    }

    /** A preview with no feed yet (a kiosk shown while its terminal starts); {@link #follow} gives it one. */
    public static FacePreviewViewModel unfed(Messages messages) {
        return new FacePreviewViewModel(messages);
    }

    /** As {@link #fed}, for a preview made before its feed existed. */
    public void follow(FacePreviewFeed feed, Executor fx, Supplier<Messages> messages) {
        FacePreviewViewModel model = this;
        feed.subscribe(update -> {
            switch (update) {
                case FacePreviewFeed.Update.Frame frame -> {
                    Messages words = messages.get();
                    String guidance = guidance(frame.issue(), words);
                    PreviewPicture picture = PreviewPicture.fromBgr(frame.width(), frame.height(), frame.bgr());
                    Arrays.fill(frame.bgr(), (byte) 0);
                    String hint = words.get("face.guidance.hint");
                    fx.execute(() -> {
                        model.picture.set(picture);
                        model.guidance.set(guidance);
                        model.hint.set(hint);
                    });
                }
                case FacePreviewFeed.Update.Ended _ ->
                    fx.execute(() -> {
                        model.picture.set(null);
                        model.guidance.set("");
                    });
                case FacePreviewFeed.Update.CameraUnavailable _ -> {
                    String words = guidance(QualityIssue.CAMERA_UNAVAILABLE, messages.get());
                    fx.execute(() -> model.guidance.set(words));
                }
            }
        });
    }

    /** The words for what the quality gates made of a frame ({@code null}: a good face), in the screen's language. */
    public static String guidance(QualityIssue issue, Messages messages) {
        return issue == null ? messages.get("face.guidance.ok") : messages.get("face.guidance." + issue.name());
    }
}
