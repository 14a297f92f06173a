package io.pilu.ingest.fuzz;

import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.simulator.ListingDrift;
import io.pilu.ingest.simulator.ListingResponseWriter;
import io.pilu.ingest.simulator.SampleSet;
import io.pilu.ingest.simulator.SimulatedAnnouncement;
import io.pilu.ingest.simulator.cninfo.CninfoQueryRequest;
import io.pilu.ingest.simulator.cninfo.CninfoResponseWriter;
import io.pilu.ingest.simulator.cninfo.CninfoSampleSet;
import io.pilu.ingest.simulator.cninfo.CninfoSimulator;
import io.pilu.ingest.simulator.cninfo.SimulatedCninfoAnnouncement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@link ParserFuzzIT}'s seed corpus from the bundled samples: {@code FuzzSeeds [DIR]} (default the test
 * resources' inputs directory). Each seed is the target byte, then the input. Re-run it when the samples change.
 */
public final class FuzzSeeds {

    private FuzzSeeds() {}

    public static void main(String[] args) throws Exception {
        Path dir =
                Path.of(args.length > 0 ? args[0] : "src/test/resources/io/pilu/ingest/fuzz/ParserFuzzITInputs/fuzz");
        Files.createDirectories(dir);
        List<SimulatedAnnouncement> listings = SampleSet.bundled().samples().stream()
                .map(SampleSet.Sample::listing)
                .toList();
        String a = ListingResponseWriter.page(ListingEndpoint.COMPANY_ANNOUNCEMENT, listings, 0, 20, ListingDrift.NONE);
        String b = ListingResponseWriter.page(ListingEndpoint.DISCLOSURE_LIST, listings, 0, 20, ListingDrift.NONE);
        write(dir, "seed-jsonp", 0, ListingResponseWriter.jsonp("jQuery331_1", a));
        write(dir, "seed-listing-a", 1, ListingResponseWriter.jsonp(null, a));
        write(dir, "seed-listing-b", 2, ListingResponseWriter.jsonp("cb", b));
        for (String name : List.of(
                "870436-2024-06-13-ir-record-site-visit.txt",
                "873166-2024-06-14-ir-record-table.txt",
                "870436-2024-06-19-board-resolution.txt")) {
            try (InputStream in = FuzzSeeds.class.getResourceAsStream("/samples-src/" + name)) {
                write(
                        dir,
                        "seed-cleaner-" + name.replace(".txt", ""),
                        3,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        List<SimulatedCninfoAnnouncement> cninfo = CninfoSampleSet.bundled().samples().stream()
                .map(CninfoSampleSet.Sample::announcement)
                .toList();
        CninfoQueryRequest all = CninfoQueryRequest.parse(null, "column=szse&tabName=fulltext&searchkey=记录表");
        write(dir, "seed-cninfo-page", 4, CninfoResponseWriter.page(all, cninfo));
        try (CninfoSimulator site = CninfoSimulator.start().load(CninfoSampleSet.bundled())) {
            java.net.http.HttpResponse<String> list = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(site.baseUrl() + CninfoSimulator.STOCK_LIST_PATH))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            write(dir, "seed-cninfo-stock-list", 5, list.body());
        }
        System.out.println("seeds written to " + dir.toAbsolutePath());
    }

    private static void write(Path dir, String name, int target, String input) throws IOException {
        byte[] body = input.getBytes(StandardCharsets.UTF_8);
        byte[] seed = new byte[body.length + 1];
        seed[0] = (byte) target;
        System.arraycopy(body, 0, seed, 1, body.length);
        Files.write(dir.resolve(name), seed);
    }
}
