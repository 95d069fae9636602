package org.uketsuke.bridge.sink;

import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;

/** An outbox entry read back for a sink: its result message and the confirmed qualification it must hold. */
public record ConfirmedEntry(ResultMessage message, ConfirmationOutcome.Confirmed confirmed) {

    /**
     * The entry's message, read once for all sinks.
     *
     * @throws SinkFailure when the entry's message cannot be read or holds no confirmation (parked with the reason)
     */
    public static ConfirmedEntry of(OutboxEntry entry) throws SinkFailure {
        return entry.confirmed();
    }

    /**
     * Reads the entry's message now, on the calling thread, before sinks that deliver at the same time ask for it: they
     * find it read instead of one waiting on the entry's monitor while another parses. A failure is kept and each sink
     * still gets it from {@link #of}, as before.
     */
    public static void readAhead(OutboxEntry entry) {
        entry.readOnce();
    }

    static ConfirmedEntry read(OutboxEntry entry, byte[] resultXml) throws SinkFailure {
        ResultMessage message;
        try {
            message = QualificationXml.parseResult(resultXml);
        } catch (MalformedMessageException e) {
            throw new SinkFailure(
                    "entry " + entry.id().value() + " holds an unreadable result message: " + e.getMessage(), e);
        }
        if (!(message.toOutcome() instanceof ConfirmationOutcome.Confirmed confirmed)) {
            throw new SinkFailure("entry " + entry.id().value() + " holds no confirmed qualification", null);
        }
        return new ConfirmedEntry(message, confirmed);
    }
}
