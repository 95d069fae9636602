package org.uketsuke.face.chip;

/** Why the chip's face photo cannot be used. */
public enum ChipPhotoError {
    EMPTY,
    TOO_LARGE,
    NOT_JPEG_2000,
    UNDECODABLE,
    TOO_SMALL
}
