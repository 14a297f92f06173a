package io.pilu.ingest.crawl;

import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingFilter;
import io.pilu.ingest.listing.ListingPage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The exchange's listing as pure data, for walk logic tests: sorted by date descending, same-day items in
 * insertion order newest-first or newest-last, server-side date filter, fixed page size.
 */
final class ListingSimulator {

    final List<Disclosure> items = new ArrayList<>();
    final List<String> topic = new ArrayList<>();
    int pageSize = 5;
    boolean newestLastWithinDate;
    private int seq;

    Disclosure add(LocalDate date) {
        Disclosure d = new Disclosure(
                "id-" + date + "-" + (seq++),
                null,
                "839493",
                "并行科技",
                "[临时公告]公告" + seq,
                "/disclosure/x" + seq + ".pdf",
                date,
                "pdf",
                List.of("9504"));
        items.add(d);
        return d;
    }

    void add(LocalDate date, int count) {
        for (int i = 0; i < count; i++) {
            add(date);
        }
    }

    ListingPage page(ListingFilter query, int n) {
        List<Disclosure> matching = new ArrayList<>();
        for (Disclosure d : items) {
            if ((query.from() == null || !d.publishDate().isBefore(query.from()))
                    && (query.to() == null || !d.publishDate().isAfter(query.to()))) {
                matching.add(d);
            }
        }
        Comparator<Disclosure> tie = Comparator.comparingInt(items::indexOf);
        matching.sort(Comparator.comparing(Disclosure::publishDate)
                .reversed()
                .thenComparing(newestLastWithinDate ? tie : tie.reversed()));
        int totalPages = Math.max(1, (matching.size() + pageSize - 1) / pageSize);
        int from = Math.min(matching.size(), n * pageSize);
        List<Disclosure> slice = matching.subList(from, Math.min(matching.size(), from + pageSize));
        return new ListingPage(slice, n, totalPages, n >= totalPages - 1, matching.size());
    }

    /**
     * Runs one pass, committing page by page into {@link #topic}. {@code crashBeforeCommitOfPage} ≥ 0 simulates
     * kill -9 just before that page's transaction commits (its records never become visible).
     *
     * @return pages listed, or -1 when it crashed
     */
    int pass(Walk<ListingFilter> walk, int crashBeforeCommitOfPage, IntConsumer beforePage) {
        walk.begin();
        for (int n = 0; n < 10_000; n++) {
            beforePage.accept(n);
            PageRequest<ListingFilter> request = walk.request();
            if (request.page() != n) {
                throw new AssertionError("the walk asked for page " + request.page() + ", expected " + n);
            }
            ListingPage page = page(request.query(), n);
            PageStep step;
            try {
                step = walk.onPage(page);
            } catch (ListingException e) {
                throw new AssertionError(e);
            }
            if (n == crashBeforeCommitOfPage) {
                return -1;
            }
            step.publish().forEach(d -> topic.add(d.id()));
            walk.commit(step);
            if (step.done()) {
                return n + 1;
            }
        }
        throw new AssertionError("pass did not end");
    }

    int pass(Walk<ListingFilter> walk) {
        return pass(walk, -1, n -> {});
    }

    List<String> allIds() {
        return items.stream().map(Disclosure::id).toList();
    }
}
