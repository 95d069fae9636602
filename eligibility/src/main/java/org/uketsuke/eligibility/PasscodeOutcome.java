package org.uketsuke.eligibility;

import java.util.Objects;

/** What asking for a visual-check passcode (OQS-IF-049/050) ended in. Sealed: callers handle every case. */
public sealed interface PasscodeOutcome permits PasscodeOutcome.Issued, Unavailable {

    record Issued(VisualPasscode passcode) implements PasscodeOutcome {
        public Issued {
            Objects.requireNonNull(passcode, "passcode");
        }
    }
}
