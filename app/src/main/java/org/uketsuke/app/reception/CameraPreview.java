package org.uketsuke.app.reception;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.opencv.core.Mat;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.pipeline.FacePipeline;

/**
 * A camera of its own feeding the live preview (the card-front screens, the preview test) the way the face check
 * feeds it: each frame analysed by face-match's quality gates on the worker and handed to a {@link FacePreviewFeed};
 * a camera that gives nothing says so once.
 */
public final class CameraPreview implements AutoCloseable {

    private final CameraSource camera;
    private final Function<Mat, FacePipeline.Analysis> analyse;
    private final Executor worker;
    private final FacePreviewFeed feed;
    private final AtomicBoolean running = new AtomicBoolean();

    /** @param analyse one frame's quality analysis (production: {@code new FacePipeline()::analyse}) */
    public CameraPreview(
            CameraSource camera, Function<Mat, FacePipeline.Analysis> analyse, Executor worker, FacePreviewFeed feed) {
        this.camera = camera;
        this.analyse = analyse;
        this.worker = worker;
        this.feed = feed;
    }

    /** Starts reading frames until {@link #close} or the camera ends. */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        worker.execute(() -> {
            while (running.get()) {
                switch (camera.next()) {
                    case CameraSource.Capture.Got got -> {
                        try (var frame = got.frame()) {
                            FacePipeline.Analysis analysis = analyse.apply(frame.pixels());
                            feed.frame(
                                    frame.pixels(),
                                    analysis instanceof FacePipeline.Analysis.Issue issue ? issue.issue() : null);
                        }
                    }
                    case CameraSource.Capture.Ended _ -> running.set(false);
                    case CameraSource.Capture.Unavailable _ -> {
                        feed.unavailable();
                        running.set(false);
                    }
                }
            }
        });
    }

    @Override
    public void close() {
        running.set(false);
    }
}
