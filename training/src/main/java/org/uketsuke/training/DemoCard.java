package org.uketsuke.training;

/** The demo's virtual My Number card as the staff screen's buttons handle it. */
public interface DemoCard {

    /** Puts the card on the reader. */
    void insert();

    /** Takes it off. */
    void remove();
}
