package org.uketsuke.app.reception;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.cardfront.CardFrontRead;
import org.uketsuke.cardfront.CardFrontReader;
import org.uketsuke.cardfront.GuidedCardCapture;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.camera.Frame;

/**
 * The guided capture of the card front at the kiosk, on its own thread (never the FX thread, never the card worker,
 * which stays free for a card removal), started and stopped by the visit's flow: frames from the card-front camera go
 * through {@link GuidedCardCapture}; every frame's outcome and a small preview go to the screens that subscribed, the
 * digits once read (or the give-up) go to the visit as an event. Nothing of the frames is kept.
 */
public final class CardFrontCapture {

    private static final Logger log = LoggerFactory.getLogger(CardFrontCapture.class);
    static final int PREVIEW_WIDTH = 480;

    /** What the screen shows while capturing: the last frame's outcome and a preview (BGR, {@code width}×{@code height}). */
    public record Update(CardFrontRead read, int width, int height, byte[] previewBgr) {}

    private final Supplier<CameraSource> cameras;
    private final CardFrontReader reader;
    private final Duration limit;
    private final List<Consumer<Update>> screens = new CopyOnWriteArrayList<>();
    private Thread running;

    /**
     * @param cameras opens the card-front camera for one capture
     * @param limit how long a capture may go on before the patient is asked to type the digits
     */
    public CardFrontCapture(Supplier<CameraSource> cameras, CardFrontReader reader, Duration limit) {
        this.cameras = cameras;
        this.reader = reader;
        this.limit = limit;
    }

    /** @param screen told of every frame, on the capture's thread */
    public void onUpdate(Consumer<Update> screen) {
        screens.add(screen);
    }

    /** Starts a capture (stopping any running one); {@code events} is called on its thread. */
    public synchronized void start(Consumer<VisitEvent> events) {
        stop();
        Consumer<Update> updates = update -> screens.forEach(screen -> screen.accept(update));
        running = Thread.ofPlatform().name("card-front-capture").daemon().start(() -> run(updates, events));
    }

    /** Stops the running capture, if any; its result, if it still comes, is dropped by the flow's state. */
    public synchronized void stop() {
        if (running != null) {
            running.interrupt();
            running = null;
        }
    }

    private void run(Consumer<Update> updates, Consumer<VisitEvent> events) {
        long deadline = System.nanoTime() + limit.toNanos();
        try (CameraSource camera = cameras.get()) {
            GuidedCardCapture capture = new GuidedCardCapture(reader);
            while (!Thread.currentThread().isInterrupted()) {
                if (System.nanoTime() > deadline) {
                    log.info("card front not read within {}", limit);
                    events.accept(new VisitEvent.CardFrontUnreadable());
                    return;
                }
                switch (camera.next()) {
                    case CameraSource.Capture.Got got -> {
                        try (Frame frame = got.frame()) {
                            Update preview = preview(frame, null);
                            CardFrontRead read = capture.offer(frame);
                            if (Thread.currentThread().isInterrupted()) {
                                return;
                            }
                            updates.accept(new Update(read, preview.width(), preview.height(), preview.previewBgr()));
                            if (read instanceof CardFrontRead.Read r) {
                                events.accept(new VisitEvent.CardFrontCaptured(
                                        r.fields().collationNumberB()));
                                return;
                            }
                        }
                    }
                    case CameraSource.Capture.Ended _ -> {
                        events.accept(new VisitEvent.CardFrontUnreadable());
                        return;
                    }
                    case CameraSource.Capture.Unavailable u -> {
                        log.info("card-front camera unavailable: {}", u.reason());
                        events.accept(new VisitEvent.CardFrontUnreadable());
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("card-front capture failed", e);
            events.accept(new VisitEvent.CardFrontUnreadable());
        }
    }

    private static Update preview(Frame frame, CardFrontRead read) {
        Mat small = new Mat();
        double scale = PREVIEW_WIDTH / (double) frame.width();
        Imgproc.resize(
                frame.pixels(),
                small,
                new Size(PREVIEW_WIDTH, Math.round(frame.height() * scale)),
                0,
                0,
                Imgproc.INTER_AREA);
        byte[] bgr = new byte[(int) (small.total() * small.channels())];
        small.get(0, 0, bgr);
        Update update = new Update(read, small.cols(), small.rows(), bgr);
        small.release();
        return update;
    }
}
