package io.pilu.analytics.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilu.model.EntityType;
import java.time.LocalDate;
import java.util.List;

/** The JSON answers of the query API (one record per endpoint; field names are the API's contract). */
public final class Answers {

    private Answers() {}

    /** {@code GET /api/companies/{code}/visitors}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CompanyVisitors(
            String companyCode,
            String companyName,
            LocalDate from,
            LocalDate to,
            long institutions,
            long visits,
            List<Visitor> visitors) {}

    /** One institution that researched the company. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Visitor(
            String name,
            String normalizedName,
            EntityType type,
            long visits,
            String firstDate,
            String lastDate,
            List<String> people,
            List<String> announcementIds) {}

    /** {@code GET /api/institutions/{name}/visits}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstitutionVisits(
            String query,
            String normalizedName,
            EntityType type,
            LocalDate from,
            LocalDate to,
            long companies,
            long visits,
            List<Visited> companiesVisited) {}

    /** One company the institution researched. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Visited(
            String companyCode,
            String companyName,
            long visits,
            String firstDate,
            String lastDate,
            List<String> people,
            List<String> announcementIds) {}

    /** {@code GET /api/rankings/companies}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CompanyRanking(
            String window, LocalDate asOf, LocalDate from, LocalDate to, String by, List<CompanyRank> companies) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CompanyRank(int rank, String companyCode, String companyName, long institutions, long visits) {}

    /** {@code GET /api/rankings/institutions}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstitutionRanking(
            String window,
            LocalDate asOf,
            LocalDate from,
            LocalDate to,
            EntityType type,
            String by,
            List<InstitutionRank> institutions) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstitutionRank(
            int rank, String normalizedName, String name, EntityType type, long companies, long visits) {}

    /** {@code GET /api/companies/{code}/new-visitors}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewVisitors(String companyCode, LocalDate since, List<NewVisitor> visitors) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewVisitor(String normalizedName, String name, EntityType type, String firstDate, long visits) {}

    /** What one instance answers for a ranking: its top rows over the partitions it holds. */
    public record CompanyRankPart(List<Integer> partitions, List<CompanyRank> rows) {}

    public record InstitutionRankPart(List<Integer> partitions, List<InstitutionRank> rows) {}

    /** An error body: 400 for bad parameters, 503 during a rebalance, 404 for an unknown path. */
    public record Error(int status, String error) {}
}
