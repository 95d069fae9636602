package org.uketsuke.app.production;

/**
 * What {@code kiosk --check} (and the kiosk's start) finds wrong with what a configuration names: the closed list,
 * each with its ja/en words ({@code check.reason.*}) and what to do about it ({@code check.fix.*}).
 */
public enum CheckReason {
    NO_SUCH_FILE,
    PERMISSION_DENIED,
    NOT_A_FOLDER,
    IS_A_FOLDER,
    READABLE_BY_EVERYONE,
    CERTIFICATE_UNUSABLE,
    BACKEND_UNREACHABLE,
    BACKEND_TLS,
    BACKEND_NAME_MISMATCH,
    BACKEND_REVOKED,
    BACKEND_ANSWER,
    CARD_SERVICE_DOWN,
    NO_READER,
    READER_NOT_FOUND,
    CAMERA_NO_FRAME,
    /** A folder of the 連携アプリ (backend.kind=folders) is not there: most often the share is not mounted. */
    LINK_FOLDER_MISSING,
    /** A folder of the 連携アプリ cannot be listed or read by the kiosk's user. */
    LINK_FOLDER_NOT_READABLE,
    /** The 連携アプリ's req or res cannot be written by the kiosk's user (requests go in, read answers are removed). */
    LINK_FOLDER_NOT_WRITABLE
}
