package io.pilu.ingest.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Turns a listing's {@code destFilePath} into the document URL, refusing anything that would make the crawler
 * fetch from somewhere other than the configured exchange host (SSRF): absolute URLs, protocol-relative
 * {@code //host}, user-info {@code @} tricks, backslashes, {@code ..} segments, percent-escapes, query or fragment.
 * Fail closed: a path must be {@code /} followed by plain segments of letters, digits and {@code _ - . ~} (or
 * non-ASCII letters), which every documented BSE path is.
 */
public final class DocumentUrlGuard {

    private final URI base;

    /** @param base the exchange base URL, e.g. {@code https://www.bse.cn} (a path on it is kept as a prefix) */
    public DocumentUrlGuard(URI base) {
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("base URL needs a scheme and a host: " + base);
        }
        this.base = base;
    }

    /** The document URL for {@code destFilePath}, or a {@link RefusedDocumentException} saying why not. */
    public URI resolve(String destFilePath) throws RefusedDocumentException {
        if (destFilePath == null || destFilePath.isBlank()) {
            throw new RefusedDocumentException("empty destFilePath");
        }
        String path = destFilePath;
        if (!path.startsWith("/")) {
            throw new RefusedDocumentException("destFilePath is not a path on the exchange host (absolute URL or "
                    + "relative path): " + quote(path));
        }
        if (path.startsWith("//")) {
            throw new RefusedDocumentException(
                    "destFilePath names another host (protocol-relative //): " + quote(path));
        }
        for (int i = 0; i < path.length(); ) {
            int cp = path.codePointAt(i);
            if (!allowed(cp)) {
                throw new RefusedDocumentException("destFilePath contains '" + new String(Character.toChars(cp))
                        + "', not allowed in a document path: " + quote(path));
            }
            i += Character.charCount(cp);
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new RefusedDocumentException("destFilePath has an empty, '.' or '..' segment: " + quote(path));
            }
        }
        URI resolved;
        try {
            String prefix = base.getRawPath() == null ? "" : base.getPath().replaceAll("/+$", "");
            // the multi-argument constructor percent-encodes non-ASCII characters
            resolved = new URI(base.getScheme(), null, base.getHost(), base.getPort(), prefix + path, null, null);
        } catch (URISyntaxException e) {
            throw new RefusedDocumentException("destFilePath is not a valid URL path: " + quote(path));
        }
        // Belt and braces: whatever the checks above missed, the result must be on the exchange's host and port.
        if (!resolved.getHost().toLowerCase(Locale.ROOT).equals(base.getHost().toLowerCase(Locale.ROOT))
                || resolved.getPort() != base.getPort()
                || !base.getScheme().equalsIgnoreCase(resolved.getScheme())) {
            throw new RefusedDocumentException("destFilePath resolves off the exchange host: " + quote(path));
        }
        return resolved;
    }

    private static boolean allowed(int cp) {
        if (cp < 128) {
            return Character.isLetterOrDigit(cp) || cp == '/' || cp == '_' || cp == '-' || cp == '.' || cp == '~';
        }
        return Character.isLetterOrDigit(cp); // Chinese file names: letters only, never look-alike punctuation
    }

    private static String quote(String s) {
        return '"' + (s.length() > 200 ? s.substring(0, 200) + "…" : s) + '"';
    }
}
