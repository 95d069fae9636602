package org.uketsuke.mockbackend;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;

/** 一括照会: an uploaded list of insurance searches, confirmed one by one in the background, asked for by reception number. */
final class BatchInquiries implements AutoCloseable {

    /** How far a batch is: done of the searches, and the results once all are done (else null). */
    record Progress(List<InsuranceSearch> searches, int done, List<ResultMessage> results) {}

    private static final class Job {
        final List<InsuranceSearch> searches;
        final AtomicInteger done = new AtomicInteger();
        volatile List<ResultMessage> results;

        Job(List<InsuranceSearch> searches) {
            this.searches = List.copyOf(searches);
        }
    }

    private final Confirmations confirmations;
    private final BulkSelections selections;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().name("mock-backend-batch").daemon().unstarted(runnable));

    BatchInquiries(Confirmations confirmations, BulkSelections selections) {
        this.confirmations = confirmations;
        this.selections = selections;
    }

    /** A 医療扶助 / 訪問診療 / オンライン診療 bulk exchange: the people it selects, confirmed like an 一括照会. */
    String submitBulk(BulkSelection selection, String institution) {
        return submit(selections.select(selection, institution), institution);
    }

    /** Accepts the searches; returns the reception number. */
    String submit(List<InsuranceSearch> searches, String institution) {
        String reception = "R" + HexFormat.of().withUpperCase().formatHex(random.generateSeed(6));
        Job job = new Job(searches);
        jobs.put(reception, job);
        worker.execute(() -> {
            List<ResultMessage> results = new ArrayList<>(job.searches.size());
            for (InsuranceSearch search : job.searches) {
                results.add(confirmations.byInsurance(
                        new QualificationXml.SearchRequest(search, "", search.arbitraryIdentifier()), institution));
                job.done.incrementAndGet();
            }
            job.results = List.copyOf(results);
        });
        return reception;
    }

    Optional<Progress> progress(String reception) {
        Job job = jobs.get(reception);
        return job == null ? Optional.empty() : Optional.of(new Progress(job.searches, job.done.get(), job.results));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
