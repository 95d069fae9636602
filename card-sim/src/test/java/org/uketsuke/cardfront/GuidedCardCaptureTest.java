package org.uketsuke.cardfront;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.uketsuke.cardfront.sim.CardFrontPerson;
import org.uketsuke.cardfront.sim.CardFrontRenderer;
import org.uketsuke.cardfront.sim.HeldCardFrames;
import org.uketsuke.face.camera.Frame;

class GuidedCardCaptureTest {

    private final CardFrontReader reader = CardFrontReader.onSystemTesseract().orElseThrow();

    @Test
    void asksToHoldStillWhileTheCardMovesThenReadsIt() {
        CardFrontPerson person = CardFrontPerson.generated(2);
        List<Mat> frames = HeldCardFrames.record(CardFrontRenderer.render(person), 2, 2);
        List<CardFrontRead> reads = new ArrayList<>();
        try (GuidedCardCapture capture = new GuidedCardCapture(reader)) {
            for (Mat frame : frames) {
                reads.add(capture.offer(new Frame(frame, 0)));
            }
        }
        CardFrontRead holdStill = new CardFrontRead.Unreadable(CardFrontRead.Reason.HOLD_STILL);
        // Coming in, the card is first partly out of the picture, then moving; the first still frame only arms.
        assertThat(reads.subList(0, HeldCardFrames.MOVING_FRAMES + 1))
                .noneMatch(CardFrontRead.Read.class::isInstance)
                .contains(holdStill)
                .endsWith(holdStill);
        assertThat(reads.getLast())
                .isInstanceOfSatisfying(
                        CardFrontRead.Read.class,
                        read -> assertThat(read.fields().collationNumberB().value())
                                .isEqualTo(person.fields().collationNumberB().value()));
    }

    @Test
    void readsOnItsOwnWorkerThreadAndClearsTheFrame() throws Exception {
        List<Mat> frames = HeldCardFrames.record(CardFrontRenderer.render(CardFrontPerson.generated(5)), 5, 0);
        Frame frame = new Frame(frames.getFirst(), 0);
        ExecutorService worker = GuidedCardCapture.newWorker();
        try (GuidedCardCapture capture = new GuidedCardCapture(reader, worker)) {
            // The worker is held busy until the callback is registered: the read cannot complete before, so the
            // callback runs on the thread that completes it (otherwise it would run here, on the test's thread).
            CountDownLatch registered = new CountDownLatch(1);
            worker.execute(() -> {
                try {
                    registered.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            List<String> threads = new CopyOnWriteArrayList<>();
            CompletableFuture<CardFrontRead> pending = capture.offerAsync(frame)
                    .whenComplete((r, e) -> threads.add(Thread.currentThread().getName()));
            assertThat(pending).isNotDone();
            registered.countDown();
            CardFrontRead read = pending.get();
            assertThat(read).isEqualTo(new CardFrontRead.Unreadable(CardFrontRead.Reason.HOLD_STILL));
            assertThat(threads).containsExactly("card-front-ocr");
        }
        assertThat(frame.width()).isZero();
    }
}
