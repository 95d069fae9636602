package org.uketsuke.face.camera;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.OpenCv;

/**
 * The demo's recorded "camera": a public-domain portrait (NASA, Eileen Collins) shipped in the jar, played as a few
 * slightly moving frames, and the same person's chip photo made the way the card stores it (greyscale, small,
 * JPEG 2000).
 */
public final class DemoFrames {

    private DemoFrames() {}

    public static Mat portrait() {
        OpenCv.load();
        try (InputStream in = DemoFrames.class.getResourceAsStream("/org/uketsuke/face/demo/portrait.png")) {
            if (in == null) {
                throw new IllegalStateException("demo portrait missing from the build");
            }
            MatOfByte bytes = new MatOfByte(in.readAllBytes());
            Mat image = Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_COLOR);
            bytes.release();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A looping camera over the portrait, shifted a little frame to frame like a person standing still. */
    public static CameraSource camera() {
        Mat portrait = portrait();
        List<Mat> frames = new ArrayList<>();
        int[][] shifts = {{0, 0}, {6, 3}, {-4, 2}, {3, -3}};
        for (int[] shift : shifts) {
            Mat m = new Mat(2, 3, CvType.CV_64F);
            m.put(0, 0, 1, 0, shift[0], 0, 1, shift[1]);
            Mat frame = new Mat();
            Imgproc.warpAffine(portrait, frame, m, portrait.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE, new Scalar(0));
            frames.add(frame);
        }
        portrait.release();
        return new ImageSequenceSource(frames, true);
    }

    /** The chip photo of the same person: head crop, greyscale, 180×222, JPEG 2000. */
    public static byte[] chipPhotoJp2() {
        Mat portrait = portrait();
        Mat head = new Mat(portrait, new Rect(110, 0, 260, 320));
        Mat grey = new Mat();
        Imgproc.cvtColor(head, grey, Imgproc.COLOR_BGR2GRAY);
        Mat small = new Mat();
        Imgproc.resize(grey, small, new Size(180, 222), 0, 0, Imgproc.INTER_AREA);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jp2", small, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG2000_COMPRESSION_X1000, 200));
        for (Mat m : new Mat[] {portrait, grey, small}) {
            m.release();
        }
        return out.toArray();
    }

    /**
     * The mismatch persona's chip photo: another person (the CC0 cameraman of Debian's python3-skimage, shipped
     * beside the portrait), cropped and stored like {@link #chipPhotoJp2()} — the recorded camera never matches it.
     */
    public static byte[] otherPersonChipPhotoJp2() {
        OpenCv.load();
        try (InputStream in = DemoFrames.class.getResourceAsStream("/org/uketsuke/face/demo/other-person.png")) {
            if (in == null) {
                throw new IllegalStateException("mismatch persona's photo missing from the build");
            }
            MatOfByte bytes = new MatOfByte(in.readAllBytes());
            Mat grey = Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_GRAYSCALE);
            Mat head = new Mat(grey, new Rect(110, 30, 200, 246));
            Mat small = new Mat();
            Imgproc.resize(head, small, new Size(180, 222), 0, 0, Imgproc.INTER_AREA);
            MatOfByte out = new MatOfByte();
            Imgcodecs.imencode(".jp2", small, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG2000_COMPRESSION_X1000, 200));
            for (Mat m : new Mat[] {bytes, grey, small}) {
                m.release();
            }
            return out.toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
