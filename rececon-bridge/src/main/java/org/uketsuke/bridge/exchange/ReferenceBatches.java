package org.uketsuke.bridge.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.ServiceXml;

/**
 * The 照会番号 batches this terminal registered, kept under the reception number their {@code OQSmuimm01res} gave
 * so that {@code OQSmuimm02req} can fetch the results (docs/spec-notes/results.md#bulk-exchanges). The backend
 * registers a batch at once, so the two steps are the folder's: the first answer already holds the results, the
 * second repeats them. Kept in {@code req/done} (private to the terminal, like the requests), as the request file
 * and the results, so a restart loses nothing.
 */
final class ReferenceBatches {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withZone(ZoneId.of("Asia/Tokyo"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final Clock clock;

    ReferenceBatches(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    /** A batch's registrations and their outcomes, in request order. */
    record Kept(List<ReferenceRegistration> registrations, List<RegistrationOutcome> outcomes) {}

    /** {@code UKM<yyyyMMdd><12 hex>}: Uketsuke's own shape, unique without a counter. */
    String newReceptionNumber() {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return "UKM" + DAY.format(clock.instant()) + HexFormat.of().formatHex(random);
    }

    void keep(String reception, byte[] request, List<RegistrationOutcome> outcomes) {
        try {
            PrivateFiles.createFolders(folder);
            AtomicFiles.write(folder.resolve(reception + ".req.xml"), request);
            AtomicFiles.write(
                    folder.resolve(reception + ".res.xml"),
                    ServiceXml.writeReferenceResults(
                            DAY.format(clock.instant()) + "000000",
                            ServiceXml.parseReferenceRequest(request),
                            outcomes));
        } catch (IOException | MalformedMessageException e) {
            throw new IllegalStateException("cannot keep 照会番号 batch " + reception + ": " + e, e);
        }
    }

    /** The batch of that reception number; empty if this terminal never registered it. */
    Optional<Kept> find(String reception) throws MalformedMessageException {
        try {
            byte[] request = Files.readAllBytes(folder.resolve(reception + ".req.xml"));
            byte[] results = Files.readAllBytes(folder.resolve(reception + ".res.xml"));
            return Optional.of(
                    new Kept(ServiceXml.parseReferenceRequest(request), ServiceXml.parseReferenceResults(results)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read 照会番号 batch " + reception + ": " + e, e);
        }
    }
}
