package io.pilu.ingest.fake;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large Chinese PDF: {@code LargePdfMain OUT.pdf [pages] [imageBytesPerPage]} (defaults 500 pages and
 * 100 000 bytes, about 50 MB), to try extraction with a small heap or to feed the benchmark.
 */
public final class LargePdfMain {

    private LargePdfMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int imageBytes = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        TestPdfs.writeLargePdf(out, pages, imageBytes);
        System.out.println(out + ": " + pages + " pages, " + Files.size(out) + " bytes");
    }
}
