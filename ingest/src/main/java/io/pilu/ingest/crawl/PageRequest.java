package io.pilu.ingest.crawl;

import java.util.Objects;

/**
 * One listing request of a walk: the query and the page of its result, counted from 0 (a source whose site counts
 * from 1 adds 1 itself).
 *
 * @param query what to list (the source's own query type)
 * @param page  which page of it, from 0
 * @param <Q>   the source's query type
 */
public record PageRequest<Q>(Q query, int page) {

    public PageRequest {
        Objects.requireNonNull(query, "query");
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0, not " + page);
        }
    }
}
