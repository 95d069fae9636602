package org.uketsuke.app.ui;

import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

/** The camera picture with the guidance under it; binds a {@link FacePreviewViewModel}, holds no logic. */
public final class FacePreviewPane {

    private final VBox root;

    public FacePreviewPane(FacePreviewViewModel model) {
        ImageView picture = new ImageView();
        picture.setId("facePreview");
        picture.setFitWidth(480);
        picture.setFitHeight(360);
        picture.setPreserveRatio(true);
        picture.imageProperty().bind(PreviewImages.following(model.picture));
        Label guidance = new Label();
        guidance.setId("faceGuidance");
        guidance.getStyleClass().add("kiosk-body");
        guidance.setWrapText(true);
        guidance.textProperty().bind(model.guidance);
        Label hint = new Label();
        hint.setId("faceHint");
        hint.setWrapText(true);
        hint.textProperty().bind(model.hint);
        root = new VBox(16, picture, guidance, hint);
        root.setAlignment(Pos.CENTER);
    }

    public Parent root() {
        return root;
    }
}
