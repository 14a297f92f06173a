package io.pilu.ingest.http;

import java.nio.file.Path;

/**
 * A document saved to a temp file.
 *
 * @param file   where the bytes are (the caller deletes it)
 * @param bytes  its size
 * @param sha256 hex sha-256 of the bytes
 */
public record DownloadedDocument(Path file, long bytes, String sha256) {}
