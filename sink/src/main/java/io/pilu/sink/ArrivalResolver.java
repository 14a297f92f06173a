package io.pilu.sink;

import io.pilu.sink.es.EsRetryableException;
import java.util.Collection;
import java.util.Map;

/**
 * Finds the document that holds an arrival: a tombstone names a raw id, while a filing's document is stored under
 * its filing id. {@link io.pilu.sink.es.ElasticsearchBulkClient#filingsOf} in production.
 */
@FunctionalInterface
public interface ArrivalResolver {

    /** For a sink whose documents are not merged (the research visits): it never sees a withdrawal. */
    ArrivalResolver NONE = (index, ids) -> {
        throw new IllegalStateException("withdrawals of arrivals cannot happen on index " + index);
    };

    /** The id of the document in {@code index} holding each of {@code arrivalIds}; absent when none does. */
    Map<String, String> filingsOf(String index, Collection<String> arrivalIds) throws EsRetryableException;
}
