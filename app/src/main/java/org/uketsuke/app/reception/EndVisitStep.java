package org.uketsuke.app.reception;

/** Forgets the patient: closes the card session (which resets the card's PIN state) and starts from nothing. */
final class EndVisitStep implements VisitStep {

    @Override
    public Result run(VisitContext visit) {
        visit.card().ifPresent(CardSession::close);
        return Result.next(VisitContext.EMPTY);
    }
}
