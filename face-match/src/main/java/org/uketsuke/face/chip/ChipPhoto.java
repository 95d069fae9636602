package org.uketsuke.face.chip;

import java.util.Arrays;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.uketsuke.face.OpenCv;

/**
 * The face photo from the card-face AP (EF 0002, tag DF27): greyscale JPEG 2000, a few KB. Validated before decoding
 * (JP2 signature box or raw J2K codestream, size), decoded by OpenCV (pixel-exact, docs/spec-notes/face.md#models),
 * kept in memory only.
 */
public final class ChipPhoto {

    /** Far above any chip photo; a larger "photo" is not one. */
    static final int MAX_BYTES = 64 * 1024;

    static final int MIN_SIDE = 32;
    private static final byte[] JP2_SIGNATURE = {0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, (byte) 0x87, 0x0A};
    private static final byte[] J2K_SOC_SIZ = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51};

    private ChipPhoto() {}

    /** The result: a greyscale image, or the reason there is none. */
    public sealed interface Decoded {
        record Ok(Mat grey) implements Decoded {}

        record Error(ChipPhotoError error) implements Decoded {}
    }

    public static Decoded decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Decoded.Error(ChipPhotoError.EMPTY);
        }
        if (bytes.length > MAX_BYTES) {
            return new Decoded.Error(ChipPhotoError.TOO_LARGE);
        }
        if (!startsWith(bytes, JP2_SIGNATURE) && !startsWith(bytes, J2K_SOC_SIZ)) {
            return new Decoded.Error(ChipPhotoError.NOT_JPEG_2000);
        }
        OpenCv.load();
        MatOfByte buffer = new MatOfByte(bytes);
        Mat grey = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_GRAYSCALE);
        buffer.release();
        if (grey.empty()) {
            return new Decoded.Error(ChipPhotoError.UNDECODABLE);
        }
        if (grey.rows() < MIN_SIDE || grey.cols() < MIN_SIDE) {
            grey.release();
            return new Decoded.Error(ChipPhotoError.TOO_SMALL);
        }
        return new Decoded.Ok(grey);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
