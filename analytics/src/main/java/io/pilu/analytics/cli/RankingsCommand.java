package io.pilu.analytics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pilu rankings companies --window 30d} / {@code pilu rankings institutions --window 90d --type BROKER}. */
@Command(
        name = "rankings",
        mixinStandardHelpOptions = true,
        description = "The most researched companies (by distinct institutions or visits) or the most active "
                + "institutions in a window of days, from the analytics API.")
public final class RankingsCommand implements Callable<Integer> {

    /** What to rank. */
    public enum What {
        companies,
        institutions
    }

    @Parameters(index = "0", paramLabel = "companies|institutions", description = "What to rank.")
    What what;

    @Option(
            names = "--window",
            paramLabel = "Nd",
            description = "Days ending on --as-of (default 30d for companies, 90d for institutions).")
    String window;

    @Option(
            names = "--as-of",
            paramLabel = "YYYY-MM-DD",
            description = "Last day of the window (default today, Asia/Shanghai).")
    LocalDate asOf;

    @Option(names = "--limit", description = "Rows (default 20).")
    Integer limit;

    @Option(
            names = "--by",
            description =
                    "Order: companies by institutions (default) or visits; institutions by visits (default) or companies.")
    String by;

    @Option(
            names = "--type",
            description = "Institutions only: BROKER, FUND_MANAGER, PRIVATE_FUND, INSURER, BANK, TRUST, QFII, OTHER.")
    String type;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("window", window);
        params.put("asOf", asOf);
        params.put("limit", limit);
        params.put("by", by);
        if (what == What.institutions) {
            params.put("type", type);
        } else if (type != null) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--type ranks institutions only");
        }
        String body = api.client().get("/api/rankings/" + what, params);
        if (api.json) {
            System.out.println(body);
            return 0;
        }
        JsonNode a = VisitsCommand.read(body);
        System.out.printf(
                "%s by %s, %s window %s .. %s%n",
                what,
                a.get("by").asText(),
                a.get("window").asText(),
                a.get("from").asText(),
                a.get("to").asText());
        if (what == What.companies) {
            Table t = new Table("#", "company", "name", "institutions", "visits");
            a.get("companies")
                    .forEach(r -> t.row(
                            r.get("rank").asInt(),
                            r.get("companyCode").asText(),
                            r.path("companyName").asText(""),
                            r.get("institutions").asLong(),
                            r.get("visits").asLong()));
            t.print(System.out);
        } else {
            Table t = new Table("#", "institution", "type", "companies", "visits");
            a.get("institutions")
                    .forEach(r -> t.row(
                            r.get("rank").asInt(),
                            r.get("normalizedName").asText(),
                            r.path("type").asText(""),
                            r.get("companies").asLong(),
                            r.get("visits").asLong()));
            t.print(System.out);
        }
        return 0;
    }
}
