package org.uketsuke.app.reception;

/** Adds a step's machine time to the visit's timings, under the part it spends it on. */
record TimedStep(VisitTimings.Part part, VisitStep step) implements VisitStep {

    @Override
    public Result run(VisitContext visit) {
        long start = System.nanoTime();
        Result result = step.run(visit);
        long spent = System.nanoTime() - start;
        VisitContext after = result.visit();
        return new Result(after.withTimings(after.timings().plus(part, spent)), result.event());
    }
}
