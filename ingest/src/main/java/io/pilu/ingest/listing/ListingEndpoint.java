package io.pilu.ingest.listing;

/**
 * The two bse.cn list endpoints. Both take the same form and answer JSONP, but nest the records differently
 * (see {@link ListingResponseParser}); the crawler uses one and falls back to the other.
 */
public enum ListingEndpoint {

    /** Endpoint A: {@code companyAnnouncement.do}, honours {@code companyCd}, payload {@code [{listInfo, status}]}. */
    COMPANY_ANNOUNCEMENT("company_announcement", "/disclosureInfoController/companyAnnouncement.do"),

    /** Endpoint B: {@code initDisclosureList.do}, what the current page calls; ignores {@code companyCd}. */
    DISCLOSURE_LIST("disclosure_list", "/disclosureInfoController/initDisclosureList.do");

    private final String metricTag;
    private final String path;

    ListingEndpoint(String metricTag, String path) {
        this.metricTag = metricTag;
        this.path = path;
    }

    /** The value of the {@code endpoint} tag on request metrics. */
    public String metricTag() {
        return metricTag;
    }

    /** Path below the base URL. */
    public String path() {
        return path;
    }

    /** The endpoint to fall back to when this one fails. */
    public ListingEndpoint other() {
        return this == COMPANY_ANNOUNCEMENT ? DISCLOSURE_LIST : COMPANY_ANNOUNCEMENT;
    }
}
