package io.pilu.sink;

import io.pilu.sink.es.BulkItemResult;
import io.pilu.sink.es.EsRequestRejectedException;
import io.pilu.sink.es.EsRetryableException;
import java.util.List;

/** One {@code _bulk} round trip; {@link io.pilu.sink.es.ElasticsearchBulkClient#bulk} in production, a fake in tests. */
@FunctionalInterface
public interface BulkSender {
    List<BulkItemResult> send(String index, byte[] body, int actionCount)
            throws EsRetryableException, EsRequestRejectedException;
}
