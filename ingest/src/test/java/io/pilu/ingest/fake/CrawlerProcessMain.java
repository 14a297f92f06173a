package io.pilu.ingest.fake;

import io.pilu.ingest.cli.BackfillCommand;
import io.pilu.ingest.cli.BseSimulatorCommand;
import io.pilu.ingest.cli.CrawlCommand;
import java.util.Arrays;
import picocli.CommandLine;

/** {@code crawl|backfill|bse-simulator <options>} in a child JVM, as the {@code pilu} CLI would run it. */
public final class CrawlerProcessMain {

    private CrawlerProcessMain() {
    }

    public static void main(String[] args) {
        Object command = switch (args[0]) {
            case "crawl" -> new CrawlCommand();
            case "backfill" -> new BackfillCommand();
            case "bse-simulator" -> new BseSimulatorCommand();
            default -> throw new IllegalArgumentException("crawl, backfill or bse-simulator, not " + args[0]);
        };
        System.exit(new CommandLine(command).execute(Arrays.copyOfRange(args, 1, args.length)));
    }
}
