package org.uketsuke.app.reception;

/** The staff member's 目視確認 becomes the visit's proof; the flow has already moved on, so it answers nothing. */
final class RecordVisualCheckStep implements VisitStep {

    private final String staffId;

    RecordVisualCheckStep(String staffId) {
        this.staffId = staffId;
    }

    @Override
    public Result run(VisitContext visit) {
        return Result.next(visit.withProof(new IdentityProof.VisualCheck(staffId)));
    }
}
