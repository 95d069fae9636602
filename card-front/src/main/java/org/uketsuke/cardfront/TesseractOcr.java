package org.uketsuke.cardfront;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.sourceforge.tess4j.Tesseract;
import net.sourceforge.tess4j.TesseractException;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Tesseract 5 through tess4j (JNA onto the system's libtesseract; Debian {@code tesseract-ocr-jpn}/{@code -eng}
 * data, see docs/decisions/0004-card-front-ocr.md). Only the raw 8-bit greyscale entry point is used, so Leptonica's
 * image I/O is never needed. One engine per instance, not thread-safe: calls are serialised.
 */
public final class TesseractOcr implements AutoCloseable {

    /** Where Debian (5.x and 4.x packages) and the Windows installer put the trained data. */
    private static final List<Path> DATA_DIRS = List.of(
            Path.of("/usr/share/tesseract-ocr/5/tessdata"),
            Path.of("/usr/share/tesseract-ocr/4.00/tessdata"),
            Path.of("/usr/share/tessdata"),
            Path.of("C:/Program Files/Tesseract-OCR/tessdata"));

    /** What one engine reads: a line of Japanese print, or a line of digits only. */
    public enum Mode {
        JAPANESE_LINE,
        DIGITS_LINE
    }

    private static final int MARGIN = 24;

    private final Tesseract engine;

    private TesseractOcr(Path dataDir, Mode mode) {
        engine = new Tesseract();
        engine.setDatapath(dataDir.toString());
        engine.setPageSegMode(7); // a single text line: each field is cut out of the card by its place
        engine.setVariable("user_defined_dpi", "300");
        switch (mode) {
            case JAPANESE_LINE -> engine.setLanguage("jpn");
            case DIGITS_LINE -> {
                engine.setLanguage("eng");
                engine.setVariable("tessedit_char_whitelist", "0123456789");
            }
        }
    }

    /** The engine on the first data directory holding jpn and eng (TESSDATA_PREFIX first), or empty. */
    public static Optional<TesseractOcr> open(Mode mode) {
        return dataDir().map(dir -> new TesseractOcr(dir, mode));
    }

    static Optional<Path> dataDir() {
        String prefix = System.getenv("TESSDATA_PREFIX");
        Stream<Path> candidates =
                Stream.concat(prefix == null ? Stream.empty() : Stream.of(Path.of(prefix)), DATA_DIRS.stream());
        return candidates
                .filter(d -> Files.isRegularFile(d.resolve("jpn.traineddata"))
                        && Files.isRegularFile(d.resolve("eng.traineddata")))
                .findFirst();
    }

    /** The text of an 8-bit greyscale picture. */
    public synchronized String text(Mat grey) {
        if (grey.type() != CvType.CV_8UC1) {
            throw new IllegalArgumentException("8-bit greyscale expected");
        }
        // A margin of paper around the line: Tesseract finds the text line more reliably when it does not touch the
        // edge.
        // Black print on white paper (Otsu): the faint box fill and guilloche are gone before Tesseract looks.
        Mat binary = new Mat();
        Imgproc.threshold(grey, binary, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
        Mat continuous = new Mat();
        Core.copyMakeBorder(binary, continuous, MARGIN, MARGIN, MARGIN, MARGIN, Core.BORDER_CONSTANT, new Scalar(255));
        binary.release();
        byte[] pixels = new byte[(int) (continuous.total())];
        continuous.get(0, 0, pixels);
        ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length);
        buffer.put(pixels).flip();
        Arrays.fill(pixels, (byte) 0);
        try {
            return engine.doOCR(continuous.cols(), continuous.rows(), buffer, 8, null, null);
        } catch (TesseractException e) {
            throw new IllegalStateException("Tesseract failed", e);
        } finally {
            continuous.setTo(new Scalar(0));
            continuous.release();
            buffer.clear();
            while (buffer.hasRemaining()) {
                buffer.put((byte) 0);
            }
        }
    }

    @Override
    public void close() {
        // tess4j's Tesseract opens and ends its native handle per call; nothing stays open.
    }
}
