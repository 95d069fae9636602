package org.uketsuke.training;

/** Where the demo's virtual card sits. */
public enum ReaderMode {
    /** In-process: no card service needed. */
    VIRTUAL,
    /** Through the real PC/SC stack: pcscd with the vpcd driver, the virtual card connected over TCP. */
    VPCD
}
