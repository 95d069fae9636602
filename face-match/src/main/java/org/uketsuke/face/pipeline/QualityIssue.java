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
    /** The camera went away (unplugged, or no frames) before a decision. */
    CAMERA_UNAVAILABLE
}
