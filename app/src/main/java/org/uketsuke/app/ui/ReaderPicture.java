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
        Rectangle reader = new Rectangle(40, 150, 300, 90);
        reader.setArcWidth(24);
        reader.setArcHeight(24);
        reader.getStyleClass().add("picture-reader");
        Rectangle pad = new Rectangle(90, 160, 200, 30);
        pad.setArcWidth(10);
        pad.setArcHeight(10);
        pad.getStyleClass().add("picture-pad");

        // The card, face up: photo on the left, lines of text, and the chip.
        Rectangle card = new Rectangle(110, 112, 160, 60);
        card.setArcWidth(10);
        card.setArcHeight(10);
        card.getStyleClass().add("picture-card");
        Rectangle photo = new Rectangle(122, 120, 30, 40);
        photo.getStyleClass().add("picture-card-detail");
        Rectangle line1 = new Rectangle(162, 124, 90, 6);
        Rectangle line2 = new Rectangle(162, 138, 70, 6);
        Rectangle chip = new Rectangle(232, 148, 22, 16);
        for (Rectangle r : new Rectangle[] {line1, line2, chip}) {
            r.getStyleClass().add("picture-card-detail");
        }

        // The arrow: down onto the card.
        SVGPath arrow = new SVGPath();
        arrow.setContent("M180 20 L200 20 L200 70 L220 70 L190 104 L160 70 L180 70 Z");
        arrow.getStyleClass().add("picture-arrow");

        // The phone beside it, held over the reader's mark.
        Rectangle phone = new Rectangle(380, 60, 70, 130);
        phone.setArcWidth(16);
        phone.setArcHeight(16);
        phone.getStyleClass().add("picture-phone");
        Rectangle screen = new Rectangle(388, 74, 54, 100);
        screen.getStyleClass().add("picture-phone-screen");
        Circle waves = new Circle(415, 210, 22);
        waves.getStyleClass().add("picture-waves");

        Group picture = new Group(reader, pad, card, photo, line1, line2, chip, arrow, phone, screen, waves);
        picture.setId("idlePictureShapes");
        return picture;
    }
}
