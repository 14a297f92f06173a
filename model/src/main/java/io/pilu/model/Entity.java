package io.pilu.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A named entity inside an {@link EnrichedAnnouncement}.
 *
 * @param name           the name as written in the document, e.g. {@code 中金公司}
 * @param normalizedName the canonical full name, e.g. {@code 中国国际金融股份有限公司}; equals {@code name}
 *                       when no canonical form is known
 * @param type           the entity's kind
 * @param role           its part in the announcement
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entity(String name, String normalizedName, EntityType type, EntityRole role) {
    public Entity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(role, "role");
        if (normalizedName == null || normalizedName.isBlank()) {
            normalizedName = name;
        }
    }
}
