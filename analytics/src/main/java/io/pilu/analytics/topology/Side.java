package io.pilu.analytics.topology;

/**
 * The two directions of the coverage: by company (who researched it) and by institution (whom it researched).
 * One {@link CoverageProcessor} serves both; this says which field is the owner (the store's partition key) and
 * which the counterpart.
 */
public enum Side {
    COMPANY("company"),
    INSTITUTION("institution");

    private final String prefix;

    Side(String prefix) {
        this.prefix = prefix;
    }

    /** The key the side is partitioned by: company code, or canonical institution name. */
    public String owner(VisitEntry e) {
        return this == COMPANY ? e.companyCode() : e.normalizedName();
    }

    /** The other party: canonical institution name, or company code. */
    public String counterpart(VisitEntry e) {
        return this == COMPANY ? e.normalizedName() : e.companyCode();
    }

    /** The owner's display name: the company's short name, or the institution as written. */
    public String ownerName(VisitEntry e) {
        return this == COMPANY ? e.companyName() : e.institution();
    }

    /** The counterpart's display name. */
    public String counterpartName(VisitEntry e) {
        return this == COMPANY ? e.institution() : e.companyName();
    }

    /** Store of visits, key {@code owner|day|counterpart|announcementId}. */
    public String visitsStore() {
        return prefix + "-visits";
    }

    /** Store of owner–counterpart pairs, key {@code owner|counterpart}. */
    public String pairsStore() {
        return prefix + "-pairs";
    }

    /** Store of coverage figures, key {@code owner}. */
    public String coverageStore() {
        return prefix + "-coverage";
    }

    /**
     * Day-first index for windows, key {@code day|owner|counterpart} (UTF-8 bytes), value {@link DayIndex}: a
     * window is one range scan over it, whatever the number of owners.
     */
    public String daysStore() {
        return prefix + "-days";
    }

    /** Name of the repartition step. */
    public String repartitionName() {
        return "by-" + prefix;
    }
}
