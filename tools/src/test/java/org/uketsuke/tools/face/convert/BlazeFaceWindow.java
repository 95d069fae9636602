package org.uketsuke.tools.face.convert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The converted BlazeFace run on the input the tensorflow.js recorders used: the window of the public-domain astronaut
 * portrait at ({@code x}, {@code y}), {@code size} square, RGB, normalised x / 127.5 − 1.
 */
public final class BlazeFaceWindow {

    private BlazeFaceWindow() {}

    /** The named outputs, flattened, in the order of {@code names}. */
    public static List<float[]> outputs(Net net, int x, int y, int size, List<String> names) {
        Mat image = Imgcodecs.imread(Path.of(System.getProperty("uketsuke.testImages"), "astronaut.png")
                .toString());
        Mat rgb = new Mat();
        Imgproc.cvtColor(new Mat(image, new Rect(x, y, size, size)), rgb, Imgproc.COLOR_BGR2RGB);
        net.setInput(
                Dnn.blobFromImage(rgb, 1 / 127.5, new Size(size, size), new Scalar(127.5, 127.5, 127.5), false, false));
        List<Mat> outputs = new ArrayList<>();
        net.forward(outputs, names);
        List<float[]> values = new ArrayList<>();
        for (Mat output : outputs) {
            float[] v = new float[(int) output.total()];
            output.reshape(1, 1).get(0, 0, v);
            values.add(v);
        }
        return values;
    }
}
