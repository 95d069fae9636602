package org.uketsuke.face.pipeline;

/** Why a frame cannot be matched, each with guidance the kiosk shows. */
public enum QualityIssue {
    /** "Please look at the camera." */
    NO_FACE,
    /** "Only one person in front of the camera, please." */
    MULTIPLE_FACES,
    /** "Please come closer." */
    TOO_SMALL,
    /** "Please hold still." */
    BLURRY,
    /** Too dark: lighting. */
    TOO_DARK,
    /** Too bright: backlight. */
    TOO_BRIGHT,
    /**
     * The camera delivers the same picture again and again (a frozen driver, a replayed recording or a still image held
     * up): such frames prove nothing about a live person and are not matched.
     */
    FROZEN_FRAMES,
    /**
     * The face in a colour camera's frame has no colour of its own: a greyscale print or a screen showing a greyscale
     * picture (such as the chip photo) — "Please show your own face to the camera, not a photo or a screen." Also what
     * a camera that delivers only greyscale gives; see {@link PresentationChecks#requireLiveColour()}.
     */
    NOT_LIVE_COLOUR,
    /**
     * A frame scored so far above any genuine score against the chip photo that it is the chip picture (or the photograph
     * it was made from) held to the camera: a presentation attack, refused — "Please use your PIN or ask the staff."
     */
    CHIP_PHOTO_REPLAY,
    /** The camera went away (unplugged, or no frames) before a decision. */
    CAMERA_UNAVAILABLE
}
