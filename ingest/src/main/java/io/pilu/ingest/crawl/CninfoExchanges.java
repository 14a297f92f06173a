package io.pilu.ingest.crawl;

import java.util.Optional;

/**
 * The exchange of a cninfo row, from the column it was listed under and its security code. cninfo lists all three
 * markets and its rows do not name the exchange, so the rule is (README, "Sources"):
 *
 * <ul>
 *   <li>{@code column=bj}, or a Beijing code (prefix {@code 43}, {@code 83}, {@code 87}, {@code 92}) → {@code BSE};
 *   <li>a Shanghai code ({@code 60} main board, {@code 68} STAR market, {@code 90} B shares) → {@code SSE};
 *   <li>a Shenzhen code ({@code 00} main board, {@code 30} ChiNext, {@code 20} B shares) → {@code SZSE};
 *   <li>anything else (not six digits, another prefix) → none: the row is refused ({@code UNKNOWN_EXCHANGE}),
 *       never guessed.
 * </ul>
 */
public final class CninfoExchanges {

    private CninfoExchanges() {}

    /** The exchange of a row with {@code secCode} listed under {@code column}, or empty when the rule has none. */
    public static Optional<String> of(String column, String secCode) {
        if ("bj".equals(column)) {
            return Optional.of("BSE");
        }
        if (secCode == null || !secCode.matches("[0-9]{6}")) {
            return Optional.empty();
        }
        return switch (secCode.substring(0, 2)) {
            case "43", "83", "87", "92" -> Optional.of("BSE");
            case "60", "68", "90" -> Optional.of("SSE");
            case "00", "30", "20" -> Optional.of("SZSE");
            default -> Optional.empty();
        };
    }
}
