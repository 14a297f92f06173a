package io.pilu.ingest.fake;

import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.ingest.document.ExtractedText;
import java.nio.file.Path;

/** Extracts one file and prints {@code pages=N chars=M heapMaxMb=H}; run in a child JVM with a small heap. */
public final class ExtractMain {

    private ExtractMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long start = System.nanoTime();
        ExtractedText text = new DocumentTextExtractor().extract(file, DocumentTextExtractor.fileTypeOf(file));
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("pages=" + text.pageCount() + " chars=" + text.text().length() + " ms=" + ms
                + " heapMaxMb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
