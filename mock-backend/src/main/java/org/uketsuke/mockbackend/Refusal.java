package org.uketsuke.mockbackend;

import org.uketsuke.eligibility.RejectionReason;

/** Why a request is refused, as the answer says it. */
record Refusal(RejectionReason reason, String message) {}
