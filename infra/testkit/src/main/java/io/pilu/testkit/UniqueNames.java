package io.pilu.testkit;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Names that are at once a legal Kafka topic ({@code [a-zA-Z0-9._-]}, at most 249 chars) and a legal
 * Elasticsearch index (lower case, not starting with {@code - _ +}, not {@code .} or {@code ..}).
 */
final class UniqueNames {

    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9._-]");
    private static final int MAX_PREFIX = 200;
    private static final int SUFFIX_LENGTH = 8;
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private UniqueNames() {}

    /** {@code prefix-xxxxxxxx}: the prefix lower-cased, other characters replaced by {@code -}. */
    static String of(String prefix) {
        return sanitize(prefix) + "-" + randomSuffix();
    }

    static String sanitize(String prefix) {
        String p = NOT_ALLOWED
                .matcher(prefix == null ? "" : prefix.toLowerCase(Locale.ROOT))
                .replaceAll("-");
        // An index may not start with - _ + (nor be . or ..); a letter in front keeps any prefix usable.
        if (p.isEmpty() || p.charAt(0) == '-' || p.charAt(0) == '_' || p.charAt(0) == '.') {
            p = "t" + p;
        }
        return p.length() > MAX_PREFIX ? p.substring(0, MAX_PREFIX) : p;
    }

    private static String randomSuffix() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder s = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
