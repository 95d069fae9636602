package org.uketsuke.app.ui;

import java.io.ByteArrayInputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.pipeline.FacePipeline;
import org.uketsuke.face.pipeline.QualityIssue;

/**
 * The live camera picture for the kiosk's face screen and what to tell the patient about it, frame by frame, from
 * face-match's own quality gates ({@link QualityIssue}: come closer, hold still, one person only, look at the camera,
 * light). Frames are read and analysed on the worker; the picture and the words come back on the FX executor. Its own
 * class so that the card-front capture screens can show the same preview.
 */
public final class FacePreviewViewModel implements AutoCloseable {

    public final ObjectProperty<Image> picture = new SimpleObjectProperty<>();
    public final StringProperty guidance = new SimpleStringProperty("");
    /** face-match does not tell a mask or glasses apart, so this hint stays on screen. */
    public final StringProperty hint = new SimpleStringProperty("");

    private final CameraSource camera;
    private final Function<Mat, FacePipeline.Analysis> analyse;
    private final Executor worker;
    private final Executor fx;
    private final Messages messages;
    private final AtomicBoolean running = new AtomicBoolean();

    /** @param analyse one frame's quality analysis (production: {@code new FacePipeline()::analyse}) */
    public FacePreviewViewModel(CameraSource camera, Function<Mat, FacePipeline.Analysis> analyse, Executor worker,
            Executor fx, Messages messages) {
        this.camera = camera;
        this.analyse = analyse;
        this.worker = worker;
        this.fx = fx;
        this.messages = messages;
        this.hint.set(messages.get("face.guidance.hint"));
    }

    /**
     * The face check's own frames instead of a camera of its own (the check holds the camera): each frame of the
     * feed becomes the picture with its guidance; at the decision the picture goes. {@code messages} is asked at each
     * frame, so a language switch on the kiosk applies at once.
     */
    public static FacePreviewViewModel fed(org.uketsuke.app.reception.FacePreviewFeed feed, Executor fx,
            java.util.function.Supplier<Messages> messages) {
        FacePreviewViewModel model = new FacePreviewViewModel(null, null, null, fx, messages.get());
        feed.subscribe(update -> {
            switch (update) {
                case org.uketsuke.app.reception.FacePreviewFeed.Update.Frame frame -> {
                    Messages words = messages.get();
                    String guidance = frame.issue() == null ? words.get("face.guidance.ok")
                            : words.get("face.guidance." + frame.issue().name());
                    Image image = rgbImage(frame.width(), frame.height(), frame.bgr());
                    String hint = words.get("face.guidance.hint");
                    fx.execute(() -> {
                        model.picture.set(image);
                        model.guidance.set(guidance);
                        model.hint.set(hint);
                    });
                }
                case org.uketsuke.app.reception.FacePreviewFeed.Update.Ended ended -> fx.execute(() -> {
                    model.picture.set(null);
                    model.guidance.set("");
                });
            }
        });
        return model;
    }

    /** A JavaFX picture from BGR bytes, built in memory (its RGB copy is overwritten once drawn). */
    private static Image rgbImage(int width, int height, byte[] bgr) {
        javafx.scene.image.WritableImage image = new javafx.scene.image.WritableImage(width, height);
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i + 2 < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        image.getPixelWriter().setPixels(0, 0, width, height, javafx.scene.image.PixelFormat.getByteRgbInstance(), rgb,
                0, width * 3);
        java.util.Arrays.fill(rgb, (byte) 0);
        return image;
    }

    /** The words for one frame's analysis, in the screen's language. */
    public static String guidance(FacePipeline.Analysis analysis, Messages messages) {
        return switch (analysis) {
            case FacePipeline.Analysis.Face face -> messages.get("face.guidance.ok");
            case FacePipeline.Analysis.Issue issue -> messages.get("face.guidance." + issue.issue().name());
        };
    }

    /** Starts reading frames until {@link #close}; a camera that gives none says so. */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        worker.execute(() -> {
            while (running.get()) {
                switch (camera.next()) {
                    case CameraSource.Capture.Got got -> {
                        try (var frame = got.frame()) {
                            String words = guidance(analyse.apply(frame.pixels()), messages);
                            Image image = image(frame.pixels());
                            fx.execute(() -> {
                                picture.set(image);
                                guidance.set(words);
                            });
                        }
                    }
                    case CameraSource.Capture.Ended ended -> running.set(false);
                    case CameraSource.Capture.Unavailable unavailable -> {
                        String words = messages.get("face.guidance." + QualityIssue.CAMERA_UNAVAILABLE.name());
                        fx.execute(() -> guidance.set(words));
                        running.set(false);
                    }
                }
            }
        });
    }

    private static Image image(Mat bgr) {
        MatOfByte bmp = new MatOfByte();
        try {
            Imgcodecs.imencode(".bmp", bgr, bmp);
            return new Image(new ByteArrayInputStream(bmp.toArray()));
        } finally {
            bmp.release();
        }
    }

    @Override
    public void close() {
        running.set(false);
    }
}
