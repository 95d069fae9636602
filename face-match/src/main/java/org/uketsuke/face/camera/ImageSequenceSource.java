package org.uketsuke.face.camera;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.uketsuke.face.OpenCv;

/** Recorded frames: a folder of images (sorted by name) or images in memory, optionally looping (the demo). */
public final class ImageSequenceSource implements CameraSource {

    private final List<Mat> images;
    private final boolean loop;
    private int next;

    public ImageSequenceSource(List<Mat> images, boolean loop) {
        this.images = List.copyOf(images);
        this.loop = loop;
    }

    public static ImageSequenceSource ofFolder(Path folder, boolean loop) {
        OpenCv.load();
        try (Stream<Path> files = Files.list(folder)) {
            List<Mat> images = files.filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g|bmp)$"))
                    .sorted()
                    .map(p -> Imgcodecs.imread(p.toString(), Imgcodecs.IMREAD_COLOR))
                    .filter(m -> !m.empty())
                    .toList();
            return new ImageSequenceSource(images, loop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recorded frames from " + folder, e);
        }
    }

    @Override
    public Capture next() {
        if (images.isEmpty()) {
            return new Capture.Unavailable("no recorded frames");
        }
        if (next >= images.size()) {
            if (!loop) {
                return new Capture.Ended();
            }
            next = 0;
        }
        return new Capture.Got(new Frame(images.get(next++).clone(), System.nanoTime()));
    }

    @Override
    public void close() {
        images.forEach(Mat::release);
    }
}
