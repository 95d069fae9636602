package org.uketsuke.app.reception;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.reception.VisitTimings.Part;

/**
 * Runs each of the flow's commands as a chain of steps over the visit's context: card (reader-driver) → backend
 * (eligibility client) → レセコン store (rececon-bridge). A chain stops at the first step that ends in an event. One card
 * session per visit, closed at its end so the card's PIN state is reset; the backend's nonce is asked for as soon as
 * the card is read ({@link NoncePrefetch}). Device worker only.
 */
public final class ReceptionSteps implements VisitSteps {

    private final ReceptionServices services;
    private final VisitRecords records;
    private final NoncePrefetch nonces;
    private final VisitStep endVisit;
    private final VisitStep auditGate;
    private final VisitStep readCard;
    private final List<VisitStep> proveAndConfirm;
    private final List<VisitStep> registerThenConfirm;
    private volatile VisitContext visit = VisitContext.EMPTY;
    private final VisitScenario scenario = new VisitScenario();

    public ReceptionSteps(ReceptionServices services) {
        this.services = services;
        this.records = new VisitRecords(services);
        records.onRecord(record -> scenario.reset());
        this.nonces = new NoncePrefetch(services.client(), services.clock());
        VisitStep forget = new EndVisitStep();
        this.endVisit = visit -> {
            nonces.discard();
            return forget.run(visit);
        };
        this.auditGate = new AuditGateStep(services);
        this.readCard = new TimedStep(Part.CARD, new ReadCardStep(services.slot(), services.clock()));
        VisitStep nonce = new TimedStep(Part.BACKEND, new FetchNonceStep(nonces));
        VisitStep sign = new TimedStep(
                Part.CARD,
                new SignNonceStep(services.client(), services.terminalSigner(), services.clock(), scenario::current));
        VisitStep confirm = new TimedStep(Part.BACKEND, new ConfirmStep(services.client(), records));
        VisitStep handOver = new TimedStep(Part.SINK, new HandOverStep(services.bridge(), services.clock(), records));
        this.proveAndConfirm = List.of(auditGate, nonce, sign, confirm, handOver);
        this.registerThenConfirm = Stream.concat(
                        Stream.of(
                                auditGate,
                                nonce,
                                new TimedStep(
                                        Part.CARD,
                                        SignNonceStep.forRegistration(
                                                services.client(), services.terminalSigner(), services.clock())),
                                new TimedStep(Part.BACKEND, new RegisterStep(services.client(), records))),
                        proveAndConfirm.stream())
                .toList();
    }

    /** The 診療区分 of the next card visit (the first visit of a 訪問診療 / オンライン診療), chosen by the staff. */
    public VisitScenario scenario() {
        return scenario;
    }

    /** Staff-side listeners: every confirmation or failure that reaches the backend, as a row. */
    public void onRecord(Consumer<ReceptionRecord> listener) {
        records.onRecord(listener);
    }

    /** Machine time of the current (or last) visit by step. */
    public VisitTimings timings() {
        return visit.timings();
    }

    @Override
    public Optional<VisitEvent> run(VisitCommand.Step command) {
        return switch (command) {
            case VisitCommand.ReadCard _ -> {
                Optional<VisitEvent> read = run(List.of(endVisit, auditGate, readCard));
                // The nonce travels while the card works and the patient types the PIN (NoncePrefetch).
                if (read.orElse(null) instanceof VisitEvent.CardReady) {
                    visit.card().ifPresent(nonces::start);
                }
                yield read;
            }
            case VisitCommand.VerifyPin v ->
                run(List.of(new TimedStep(Part.CARD, new VerifyPinStep(v.pin(), v.byCompanion(), services.clock()))));
            case VisitCommand.MatchFace f ->
                run(List.of(new TimedStep(Part.CARD, new MatchFaceStep(services.faceCheck(), f.collationNumberB()))));
            case VisitCommand.RecordVisualCheck v -> run(List.of(new RecordVisualCheckStep(v.staffId())));
            case VisitCommand.Confirm c -> {
                visit = visit.withConsents(c.consents(), c.prescription());
                yield run(proveAndConfirm);
            }
            case VisitCommand.RegisterCard _ -> run(registerThenConfirm);
            case VisitCommand.EndVisit _ -> run(List.of(endVisit));
        };
    }

    private Optional<VisitEvent> run(List<VisitStep> chain) {
        for (VisitStep step : chain) {
            VisitStep.Result result = step.run(visit);
            visit = result.visit();
            if (result.event().isPresent()) {
                return result.event();
            }
        }
        return Optional.empty();
    }
}
