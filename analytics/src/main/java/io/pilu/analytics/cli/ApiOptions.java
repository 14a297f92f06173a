package io.pilu.analytics.cli;

import picocli.CommandLine.Option;

/** Where the analytics API is, and how to print its answers: shared by {@code pilu visits} and {@code pilu rankings}. */
public final class ApiOptions {

    @Option(
            names = "--api-url",
            defaultValue = "${env:PILU_ANALYTICS_URL:-http://localhost:9404}",
            description = "Analytics API (env PILU_ANALYTICS_URL, default ${DEFAULT-VALUE}).")
    String apiUrl;

    @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
    boolean json;

    AnalyticsClient client() {
        return new AnalyticsClient(apiUrl);
    }
}
