package org.uketsuke.app.reception;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.store.JdbcRececonStore;
import org.uketsuke.bridge.store.JdbcRececonStore.StoredInsurance;
import org.uketsuke.eligibility.InsuranceComparison;
import org.uketsuke.eligibility.Qualification;

/**
 * The staff's 保険情報の照合 for one confirmed patient: every other insurance the レセコン store holds for them (same
 * birth date and kana name) against the confirmed one, with each difference; and the one-click update that takes the
 * outdated rows out of the store. Blocking; call off the FX thread.
 */
public final class ConsistencyCheck {

    /** One stored insurance that is not the confirmed one, and how it differs. */
    public record Mismatch(StoredInsurance stored, List<InsuranceComparison.Difference> differences) {}

    /** What the check found: nothing to do, the mismatches, or that the store could not be read. */
    public sealed interface Result {
        record Consistent() implements Result {}

        record Mismatches(List<Mismatch> mismatches) implements Result {}

        record StoreUnavailable(String detail) implements Result {}
    }

    private final Optional<JdbcRececonStore> store;

    public ConsistencyCheck(RececonBridge bridge) {
        this.store = bridge.databaseStore();
    }

    public Result check(Qualification confirmed) {
        if (store.isEmpty()) {
            return new Result.StoreUnavailable("no database store is configured");
        }
        try {
            List<Mismatch> mismatches = store.get().insurancesOf(confirmed.birthdate(), confirmed.nameKana()).stream()
                    .filter(stored -> !isConfirmed(stored, confirmed))
                    .map(stored -> new Mismatch(
                            stored,
                            InsuranceComparison.compare(
                                    new InsuranceComparison.Stored(
                                            stored.insurerNumber(),
                                            stored.symbol(),
                                            stored.number(),
                                            stored.branch(),
                                            stored.contributionRatio(),
                                            stored.personalFamily()),
                                    confirmed)))
                    .filter(m -> !m.differences().isEmpty())
                    .toList();
            return mismatches.isEmpty() ? new Result.Consistent() : new Result.Mismatches(mismatches);
        } catch (SQLException e) {
            return new Result.StoreUnavailable(e.getMessage());
        }
    }

    /** Takes the outdated rows out of the store; returns how many went. */
    public int update(List<Mismatch> mismatches) throws SQLException {
        int removed = 0;
        for (Mismatch m : mismatches) {
            if (store.orElseThrow().retire(m.stored())) {
                removed++;
            }
        }
        return removed;
    }

    private static boolean isConfirmed(StoredInsurance stored, Qualification confirmed) {
        return stored.insurerNumber().equals(confirmed.card().insurer().value())
                && stored.symbol().equals(confirmed.card().symbol())
                && stored.number().equals(confirmed.card().number())
                && stored.branch().equals(confirmed.card().branch());
    }
}
