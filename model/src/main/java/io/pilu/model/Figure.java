package io.pilu.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A financial figure stated in an announcement, e.g. 营业收入 1.31 亿元 in Q1 2024.
 *
 * @param metric  what is measured, canonical Chinese label: 营业收入, 净利润, 毛利率, 同比增长 …
 * @param value   the number as written (1.31 for "1.31 亿元", 32.90 for "32.90%")
 * @param unit    the unit as written: 亿元, 万元, 元, %
 * @param period  the period it refers to when stated: {@code 2024}, {@code 2024-Q1}, {@code 2024-H1}, {@code 2019-2022}; null if unknown
 * @param context the sentence fragment the figure was read from, for audit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Figure(String metric, BigDecimal value, String unit, String period, String context) {
    public Figure {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
    }
}
