package io.pilu.analytics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.Json;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pilu visits --company 839493} / {@code --institution 中邮证券}: who researched whom, from the API. */
@Command(
        name = "visits",
        mixinStandardHelpOptions = true,
        description = "Institutions that researched a company (--company), or companies an institution researched "
                + "(--institution, as written or canonical), from the analytics API.")
public final class VisitsCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--company", paramLabel = "CODE", description = "Company code, e.g. 839493.")
        String company;

        @Option(names = "--institution", paramLabel = "NAME", description = "Institution, e.g. 中邮证券.")
        String institution;
    }

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Only visits on or after this day.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Only visits on or before this day.")
    LocalDate to;

    @Option(
            names = "--new-since",
            paramLabel = "YYYY-MM-DD",
            description = "With --company: only institutions researching it for the first time since this day.")
    LocalDate newSince;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() {
        AnalyticsClient client = api.client();
        Map<String, Object> params = new LinkedHashMap<>();
        String body;
        if (target.company != null && newSince != null) {
            params.put("since", newSince);
            body = client.get("/api/companies/" + AnalyticsClient.encodePath(target.company) + "/new-visitors", params);
        } else if (target.company != null) {
            params.put("from", from);
            params.put("to", to);
            body = client.get("/api/companies/" + AnalyticsClient.encodePath(target.company) + "/visitors", params);
        } else {
            if (newSince != null) {
                throw new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this), "--new-since goes with --company");
            }
            params.put("from", from);
            params.put("to", to);
            body = client.get(
                    "/api/institutions/" + AnalyticsClient.encodePath(target.institution) + "/visits", params);
        }
        if (api.json) {
            System.out.println(body);
            return 0;
        }
        JsonNode a = read(body);
        if (target.company != null && newSince != null) {
            System.out.printf(
                    "%s: institutions researching it for the first time since %s%n", target.company, newSince);
            Table t = new Table("first date", "institution", "type", "visits");
            a.get("visitors")
                    .forEach(v -> t.row(
                            v.path("firstDate").asText(""),
                            v.get("normalizedName").asText(),
                            v.path("type").asText(""),
                            v.get("visits").asLong()));
            t.print(System.out);
        } else if (target.company != null) {
            System.out.printf(
                    "%s %s: %d institutions, %d visits%n",
                    a.get("companyCode").asText(),
                    a.path("companyName").asText(""),
                    a.get("institutions").asLong(),
                    a.get("visits").asLong());
            Table t = new Table("institution", "type", "visits", "first", "last", "people", "announcements");
            a.get("visitors")
                    .forEach(v -> t.row(
                            v.get("normalizedName").asText(),
                            v.path("type").asText(""),
                            v.get("visits").asLong(),
                            v.path("firstDate").asText(""),
                            v.path("lastDate").asText(""),
                            join(v.get("people")),
                            join(v.get("announcementIds"))));
            t.print(System.out);
        } else {
            System.out.printf(
                    "%s (%s): %d companies, %d visits%n",
                    a.get("normalizedName").asText(),
                    a.path("type").asText("?"),
                    a.get("companies").asLong(),
                    a.get("visits").asLong());
            Table t = new Table("company", "name", "visits", "first", "last", "people", "announcements");
            a.get("companiesVisited")
                    .forEach(v -> t.row(
                            v.get("companyCode").asText(),
                            v.path("companyName").asText(""),
                            v.get("visits").asLong(),
                            v.path("firstDate").asText(""),
                            v.path("lastDate").asText(""),
                            join(v.get("people")),
                            join(v.get("announcementIds"))));
            t.print(System.out);
        }
        return 0;
    }

    static JsonNode read(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the analytics API answered unreadable JSON: " + e.getMessage(), e);
        }
    }

    static String join(JsonNode array) {
        if (array == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        array.forEach(n -> sb.append(sb.isEmpty() ? "" : "、").append(n.asText()));
        return sb.toString();
    }
}
