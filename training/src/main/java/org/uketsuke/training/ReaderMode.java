package org.uketsuke.training;

/** Where the demo's virtual card sits. */
public enum ReaderMode {
    /** In-process: no card service needed. */
    VIRTUAL,
    /** Through the real PC/SC stack: pcscd with the vpcd driver, the virtual card connected over TCP. */
    VPCD,
    /**
     * Whatever card sits on a PC/SC reader (a real test card, someone else's card emulator behind pcscd): the demo
     * starts no card of its own. Its PIN and 照合番号B come from UKETSUKE_DEMO_PIN and UKETSUKE_DEMO_COLLATION_B.
     */
    PCSC
}
