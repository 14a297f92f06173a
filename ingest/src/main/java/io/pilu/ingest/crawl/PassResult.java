package io.pilu.ingest.crawl;

/**
 * The outcome of one pass.
 *
 * @param pages     listing pages fetched
 * @param published raw records committed
 * @param complete  whether the pass reached its stop rule (false: stopped early on request)
 * @param reason    why it ended
 */
public record PassResult(int pages, int published, boolean complete, String reason) {}
