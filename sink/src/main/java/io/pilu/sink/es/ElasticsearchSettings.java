package io.pilu.sink.es;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where Elasticsearch is and how to authenticate: basic auth ({@code PILU_ES_USERNAME}/{@code PILU_ES_PASSWORD}) or
 * an API key ({@code PILU_ES_API_KEY}, the base64 {@code id:key} form ES returns as {@code encoded}), and for
 * {@code https} URLs optionally a CA certificate file ({@code PILU_ES_CA_CERT}, PEM) to trust instead of the JDK's
 * default trust store. {@link #toString()} never shows a secret: it is what gets logged.
 *
 * @param urls      one or more node URLs, e.g. {@code http://localhost:9200} (default)
 * @param username  basic-auth user, or null
 * @param password  basic-auth password, or null
 * @param apiKey    API key, or null; wins over basic auth when both are set
 * @param caCert    PEM file with the CA that signed the cluster's certificate, or null
 */
public record ElasticsearchSettings(List<URI> urls, String username, String password, String apiKey, Path caCert) {

    public static final String DEFAULT_URL = "http://localhost:9200";

    public ElasticsearchSettings {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one Elasticsearch URL is required");
        }
        for (URI u : urls) {
            if (u.getRawUserInfo() != null) {
                // Refused, not silently dropped, and never echoed: the user-info may hold a password.
                throw new IllegalArgumentException("Elasticsearch URL " + redact(u) + " must not contain credentials "
                        + "(user:password@); set PILU_ES_USERNAME and PILU_ES_PASSWORD (or PILU_ES_API_KEY) instead");
            }
            if (u.getScheme() == null
                    || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw new IllegalArgumentException("Elasticsearch URL must be http(s)://host[:port], got '" + u + "'");
            }
        }
        urls = List.copyOf(urls);
        username = blankToNull(username);
        password = blankToNull(password);
        apiKey = blankToNull(apiKey);
        if (username != null && password == null) {
            throw new IllegalArgumentException("an Elasticsearch username is set but no password (PILU_ES_PASSWORD)");
        }
    }

    /** Parses a comma-separated URL list, e.g. {@code http://es1:9200,http://es2:9200}. */
    public static ElasticsearchSettings of(
            String commaSeparatedUrls, String username, String password, String apiKey, String caCert) {
        if (commaSeparatedUrls == null || commaSeparatedUrls.isBlank()) {
            throw new IllegalArgumentException("Elasticsearch URL is empty");
        }
        List<URI> urls = Arrays.stream(commaSeparatedUrls.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> {
                    try {
                        return new URI(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
                    } catch (java.net.URISyntaxException e) {
                        // the message would quote the URL, and with it any password in it
                        throw new IllegalArgumentException("Elasticsearch URL is not a valid URL (" + e.getReason()
                                + " at index " + e.getIndex() + ")");
                    }
                })
                .toList();
        return new ElasticsearchSettings(
                urls, username, password, apiKey, blankToNull(caCert) == null ? null : Path.of(caCert));
    }

    /** Plain URL, no auth, no TLS settings. */
    public static ElasticsearchSettings of(String url) {
        return of(url, null, null, null, null);
    }

    /** The same credentials and TLS settings for the node(s) at {@code commaSeparatedUrls}. */
    public ElasticsearchSettings withUrl(String commaSeparatedUrls) {
        return new ElasticsearchSettings(of(commaSeparatedUrls).urls(), username, password, apiKey, caCert);
    }

    /** {@code url} with any user-info replaced by {@code ****}, safe to print. */
    public static String redact(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.getScheme() + "://****@" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** Which authentication is configured, for logs. */
    public String authMode() {
        return apiKey != null ? "api-key" : username != null ? "basic" : "none";
    }

    @Override
    public String toString() {
        return "ElasticsearchSettings[urls=" + urls + ", auth=" + authMode()
                + (username != null ? ", username=" + username : "")
                + (password != null ? ", password=****" : "")
                + (apiKey != null ? ", apiKey=****" : "")
                + ", caCert=" + caCert + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
