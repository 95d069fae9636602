package org.uketsuke.cardfront;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.opencv.core.Point;
import org.uketsuke.face.camera.Frame;

/**
 * Guided capture of the card front over successive camera frames: a frame is read only when the card sits where it
 * sat in the previous frame (within {@link #STILL_FRACTION} of its width), otherwise "hold still". Reads run on this
 * capture's own worker thread, so the kiosk's FX thread only shows the preview and the hint.
 */
public final class GuidedCardCapture implements AutoCloseable {

    /** How far a corner may move between two frames, as a fraction of the card's width, for the card to be still. */
    static final double STILL_FRACTION = 0.015;

    private final CardFrontReader reader;
    private final ExecutorService worker;
    private Point[] previous;

    public GuidedCardCapture(CardFrontReader reader) {
        this(reader, newWorker());
    }

    /** With a given worker: the tests hold it busy to see, without a race, on which thread a read completes. */
    GuidedCardCapture(CardFrontReader reader, ExecutorService worker) {
        this.reader = reader;
        this.worker = worker;
    }

    /** The capture's own single worker thread, "card-front-ocr". */
    static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "card-front-ocr");
            t.setDaemon(true);
            return t;
        });
    }

    /** Looks at the next frame on the worker; the frame is cleared afterwards. */
    public CompletableFuture<CardFrontRead> offerAsync(Frame frame) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (frame) {
                        return offer(frame);
                    }
                },
                worker);
    }

    /** Looks at the next frame on the caller's thread (the headless demo and the tests). */
    public CardFrontRead offer(Frame frame) {
        Optional<Point[]> corners = reader.locate(frame);
        if (corners.isEmpty()) {
            previous = null;
            return reader.read(frame);
        }
        Point[] now = corners.get();
        boolean still =
                previous != null && maxShift(previous, now) <= STILL_FRACTION * CardLocator.distance(now[0], now[1]);
        previous = now;
        if (!still) {
            return new CardFrontRead.Unreadable(CardFrontRead.Reason.HOLD_STILL);
        }
        return reader.read(frame);
    }

    /** Forgets the previous frame (a new attempt). */
    public void reset() {
        previous = null;
    }

    private static double maxShift(Point[] a, Point[] b) {
        double max = 0;
        for (int i = 0; i < 4; i++) {
            max = Math.max(max, CardLocator.distance(a[i], b[i]));
        }
        return max;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
