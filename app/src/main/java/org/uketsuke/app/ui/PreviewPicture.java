package org.uketsuke.app.ui;

/**
 * A camera picture as view models hold it: plain pixels, no scene-graph or OpenCV type, so a model can be tested
 * without a toolkit; the view turns it into an image ({@link PreviewImages}). Kept in memory only, like the frame it
 * was made from.
 *
 * @param argb {@code width * height} pixels, row by row, {@code 0xAARRGGBB}
 */
public record PreviewPicture(int width, int height, int[] argb) {

    public PreviewPicture {
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException(
                    "a " + width + "x" + height + " picture needs " + width * height + " pixels, not " + argb.length);
        }
    }

    /** From BGR bytes (three a pixel, as OpenCV keeps them). */
    public static PreviewPicture fromBgr(int width, int height, byte[] bgr) {
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | (bgr[3 * i + 2] & 0xFF) << 16 | (bgr[3 * i + 1] & 0xFF) << 8 | (bgr[3 * i] & 0xFF);
        }
        return new PreviewPicture(width, height, argb);
    }
}
