package org.uketsuke.app.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** The view side of {@link PreviewPicture}: a JavaFX image made from it on the FX thread. */
final class PreviewImages {

    private PreviewImages() {}

    static Image of(PreviewPicture picture) {
        if (picture == null) {
            return null;
        }
        WritableImage image = new WritableImage(picture.width(), picture.height());
        image.getPixelWriter()
                .setPixels(
                        0,
                        0,
                        picture.width(),
                        picture.height(),
                        PixelFormat.getIntArgbInstance(),
                        picture.argb(),
                        0,
                        picture.width());
        return image;
    }

    /** An image that follows a model's picture, for {@code ImageView.imageProperty().bind}. */
    static ObjectBinding<Image> following(ObservableValue<PreviewPicture> picture) {
        return Bindings.createObjectBinding(() -> of(picture.getValue()), picture);
    }
}
