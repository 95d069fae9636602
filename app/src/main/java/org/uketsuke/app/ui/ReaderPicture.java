package org.uketsuke.app.ui;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;

/**
 * The idle screen's picture of where the card goes (and the phone, on a kiosk that reads phones): a card lying face
 * up on the reader with an arrow down onto it, and a smartphone held over the same spot. Drawn in shapes (no image
 * file), so it scales with the larger-text mode and follows the high-contrast colours of the theme's style classes.
 */
final class ReaderPicture {

    private ReaderPicture() {}

    static Node create() {
        Rectangle reader = shape(40, 150, 300, 90, 24, "picture-reader");
        Rectangle pad = shape(90, 160, 200, 30, 10, "picture-pad");
        // The card, face up: photo on the left, lines of text, and the chip.
        Rectangle card = shape(110, 112, 160, 60, 10, "picture-card");
        Rectangle photo = shape(122, 120, 30, 40, 0, "picture-card-detail");
        Rectangle line1 = shape(162, 124, 90, 6, 0, "picture-card-detail");
        Rectangle line2 = shape(162, 138, 70, 6, 0, "picture-card-detail");
        Rectangle chip = shape(232, 148, 22, 16, 0, "picture-card-detail");

        // The arrow: down onto the card.
        SVGPath arrow = new SVGPath();
        arrow.setContent("M180 20 L200 20 L200 70 L220 70 L190 104 L160 70 L180 70 Z");
        arrow.getStyleClass().add("picture-arrow");

        // The phone beside it, held over the reader's mark.
        Rectangle phone = shape(380, 60, 70, 130, 16, "picture-phone");
        Rectangle screen = shape(388, 74, 54, 100, 0, "picture-phone-screen");
        Circle waves = new Circle(415, 210, 22);
        waves.getStyleClass().add("picture-waves");

        Group picture = new Group(reader, pad, card, photo, line1, line2, chip, arrow, phone, screen, waves);
        picture.setId("idlePictureShapes");
        return picture;
    }

    /** A rectangle with rounded corners ({@code arc}, 0 for square) coloured by its style class. */
    private static Rectangle shape(double x, double y, double width, double height, double arc, String styleClass) {
        Rectangle r = new Rectangle(x, y, width, height);
        r.setArcWidth(arc);
        r.setArcHeight(arc);
        r.getStyleClass().add(styleClass);
        return r;
    }
}
