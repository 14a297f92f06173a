package io.pilu.ingest.cninfo;

import io.pilu.ingest.http.DocumentUrlGuard;
import io.pilu.ingest.http.RefusedDocumentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Turns an {@code adjunctUrl} into the URL of the document on the document host, and only there (SSRF). The
 * contract's form is a relative path ({@code finalpage/2023-10-24/1218213960.PDF}); a leading {@code /} is stripped;
 * an absolute URL is accepted only when it names the document host itself (any scheme, the same port when it gives
 * one), and is then fetched from the configured document base like a relative one. Whatever is left goes through
 * the bse client's {@link DocumentUrlGuard}: no {@code ..}, no percent-escapes, no query, no user-info, no other
 * host.
 */
public final class CninfoDocumentUrls {

    private final URI documentBase;
    private final DocumentUrlGuard guard;

    public CninfoDocumentUrls(URI documentBase) {
        this.documentBase = documentBase;
        this.guard = new DocumentUrlGuard(documentBase);
    }

    /** The document URL for {@code adjunctUrl}, or a {@link RefusedDocumentException} saying why not. */
    public URI resolve(String adjunctUrl) throws RefusedDocumentException {
        if (adjunctUrl == null || adjunctUrl.isBlank()) {
            throw new RefusedDocumentException("empty adjunctUrl");
        }
        String s = adjunctUrl.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        String path;
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            path = pathOnDocumentHost(s);
        } else if (s.startsWith("//")) {
            throw new RefusedDocumentException("adjunctUrl names another host (protocol-relative //): " + quote(s));
        } else {
            path = s.startsWith("/") ? s : "/" + s;
        }
        return guard.resolve(path);
    }

    private String pathOnDocumentHost(String s) throws RefusedDocumentException {
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new RefusedDocumentException("adjunctUrl is not a valid URL: " + quote(s));
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new RefusedDocumentException(
                    "adjunctUrl carries user-info, a query or a fragment, which no document URL has: " + quote(s));
        }
        if (uri.getHost() == null
                || !uri.getHost().equalsIgnoreCase(documentBase.getHost())
                || (uri.getPort() != -1 && uri.getPort() != effectivePort(documentBase))) {
            throw new RefusedDocumentException(
                    "adjunctUrl is not on the document host " + documentBase.getHost() + ": " + quote(s));
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            throw new RefusedDocumentException("adjunctUrl has no path: " + quote(s));
        }
        return path;
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String quote(String s) {
        return '"' + (s.length() > 200 ? s.substring(0, 200) + "…" : s) + '"';
    }
}
