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
    LINK_FOLDER_NOT_WRITABLE,
    /** tls.pkcs11.library is not a PKCS#11 module this system can load. */
    TOKEN_LIBRARY,
    /** No token (or an uninitialised one) in the configured slot: the card or token is not inserted. */
    TOKEN_NOT_FOUND,
    /** The token PIN's variable is not set, or its file is empty. */
    TOKEN_PIN_MISSING,
    /** The token refused the PIN (wrong, or locked after too many wrong ones). */
    TOKEN_PIN_REFUSED,
    /** The token or certificate store has no private key with its certificate under tls.key_alias. */
    KEY_NOT_IN_STORE,
    /** tls.key_store names the Windows certificate store on another system. */
    KEY_STORE_NOT_ON_THIS_SYSTEM
}
