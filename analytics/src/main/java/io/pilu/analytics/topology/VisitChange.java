package io.pilu.analytics.topology;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One visit's change as it travels to the aggregations: the version to subtract ({@code before}, null for a new
 * visit) and the one to add ({@code after}, null for a withdrawn or dropped visit). Carrying both is what makes the
 * aggregates exact under replacement: an adder and a subtractor, never "count every message".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VisitChange(VisitEntry before, VisitEntry after) {}
