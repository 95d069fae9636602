package org.uketsuke.cardfront;

import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.camera.Frame;

/**
 * Reads 照合番号B from one camera frame of the card front: finds the card, straightens it, checks light and focus, reads
 * the text column (left of the photo) with Tesseract and picks out birth date, expiry and security code
 * ({@link CardFrontText}). Blocking and CPU-heavy (≈ 0.3–1 s): call it from a worker, never the FX thread —
 * {@link GuidedCardCapture} runs it on its own thread. Nothing of the frame is kept or written.
 */
public final class CardFrontReader {

    /** The straightened card's width: about 15 px per mm, where Tesseract reads the 2.5 mm print well. */
    static final int CARD_WIDTH = 1284;
    /** The text column, as a fraction of the card width; the face photo sits right of it. */
    static final double TEXT_COLUMN = 0.70;

    static final double MIN_CARD_BRIGHTNESS = 95;
    static final double MIN_FRAME_BRIGHTNESS = 35;
    static final double MIN_SHARPNESS = 60;

    /*
     * Where the fields sit on the straightened card (px at CARD_WIDTH), with room for a corner found a few px off:
     * the birth-date line left of 性別, the 有効期限 box, the セキュリティコード box.
     */
    static final Rect BIRTH_LINE = new Rect(30, 298, 515, 74);
    static final Rect EXPIRY_BOX = new Rect(30, 385, 645, 86);
    static final Rect SECURITY_CODE_BOX = new Rect(318, 503, 214, 86);

    private final TesseractOcr japanese;
    private final TesseractOcr digits;

    public CardFrontReader(TesseractOcr japanese, TesseractOcr digits) {
        this.japanese = japanese;
        this.digits = digits;
        // OpenCV is loaded at the first read, not here: the terminal makes its reader at start, and the native
        // library's load was on the kiosk's cold start (docs/tuning.md).
    }

    /** A reader on the machine's Tesseract data, or empty when jpn/eng data are not installed. */
    public static Optional<CardFrontReader> onSystemTesseract() {
        return TesseractOcr.open(TesseractOcr.Mode.JAPANESE_LINE)
                .flatMap(j -> TesseractOcr.open(TesseractOcr.Mode.DIGITS_LINE).map(d -> new CardFrontReader(j, d)));
    }

    public CardFrontRead read(Frame frame) {
        OpenCv.load();
        Mat grey = grey(frame.pixels());
        try {
            Optional<Point[]> corners = CardLocator.locate(grey);
            if (corners.isEmpty()) {
                return Core.mean(grey).val[0] < MIN_FRAME_BRIGHTNESS
                        ? new CardFrontRead.Unreadable(CardFrontRead.Reason.TOO_DARK)
                        : new CardFrontRead.NotFound();
            }
            return read(grey, corners.get());
        } finally {
            grey.release();
        }
    }

    /** Corners of the card in the frame, for the guided capture's "hold still". */
    Optional<Point[]> locate(Frame frame) {
        OpenCv.load();
        Mat grey = grey(frame.pixels());
        try {
            return CardLocator.locate(grey);
        } finally {
            grey.release();
        }
    }

    CardFrontRead read(Mat grey, Point[] corners) {
        Mat card = CardLocator.straighten(grey, corners, CARD_WIDTH);
        Mat column = card.submat(new Rect(0, 0, (int) (CARD_WIDTH * TEXT_COLUMN), card.rows()));
        try {
            if (Core.mean(column).val[0] < MIN_CARD_BRIGHTNESS) {
                return new CardFrontRead.Unreadable(CardFrontRead.Reason.TOO_DARK);
            }
            if (sharpness(column) < MIN_SHARPNESS) {
                return new CardFrontRead.Unreadable(CardFrontRead.Reason.BLURRED);
            }
            Mat clean = withoutRules(column);
            try {
                return CardFrontText.parse(
                                japanese.text(clean.submat(BIRTH_LINE)),
                                japanese.text(clean.submat(EXPIRY_BOX)),
                                digits.text(clean.submat(SECURITY_CODE_BOX)))
                        .<CardFrontRead>map(CardFrontRead.Read::new)
                        .orElse(new CardFrontRead.Unreadable(CardFrontRead.Reason.TEXT_UNREADABLE));
            } finally {
                clean.setTo(new Scalar(0));
                clean.release();
            }
        } finally {
            column.release();
            card.setTo(new Scalar(0));
            card.release();
        }
    }

    /**
     * The print with the boxes' rules painted out (Tesseract reads a box edge as "|" or "1"): sensor noise smoothed,
     * then every dark run longer than any stroke of the 36–40 px print, across or down, set to the paper colour.
     */
    static Mat withoutRules(Mat grey) {
        Mat clean = new Mat();
        Imgproc.bilateralFilter(grey, clean, 7, 40, 7);
        Mat ink = new Mat();
        Imgproc.threshold(clean, ink, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
        Mat across = new Mat();
        Mat down = new Mat();
        Imgproc.morphologyEx(
                ink, across, Imgproc.MORPH_OPEN, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(60, 1)));
        Imgproc.morphologyEx(
                ink, down, Imgproc.MORPH_OPEN, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(1, 50)));
        Core.bitwise_or(across, down, across);
        Imgproc.dilate(across, across, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5)));
        clean.setTo(new Scalar(245), across);
        ink.release();
        across.release();
        down.release();
        return clean;
    }

    /** Focus measure at half size after a median (sensor noise alone must not count as sharp print). */
    static double sharpness(Mat grey) {
        Mat small = new Mat();
        Imgproc.resize(grey, small, new Size(grey.cols() / 2.0, grey.rows() / 2.0), 0, 0, Imgproc.INTER_AREA);
        Imgproc.medianBlur(small, small, 3);
        double s = CardLocator.sharpness(small);
        small.release();
        return s;
    }

    static Mat grey(Mat bgr) {
        Mat grey = new Mat();
        if (bgr.channels() == 1) {
            bgr.copyTo(grey);
        } else {
            Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        }
        return grey;
    }
}
