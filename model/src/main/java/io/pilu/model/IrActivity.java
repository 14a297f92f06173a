package io.pilu.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The structured content of an investor-relations activity record (投资者关系活动记录表).
 *
 * @param layout                   which layout the record was parsed as
 * @param activityTypes            ticked categories, canonical labels: 特定对象调研, 业绩说明会, 媒体采访, 现场参观,
 *                                 新闻发布会, 分析师会议, 路演活动, 其他
 * @param activityTypeOther        free-text detail given beside 其他, if any
 * @param date                     {@code YYYY-MM-DD}, or {@code YYYY-MM} when only the month is given
 * @param location                 活动地点
 * @param participants             participating institutions with their people
 * @param declaredInstitutionCount "等31家机构" → 31, when stated
 * @param declaredPersonCount      "34人" → 34, when stated
 * @param receptionists            the company's reception staff
 * @param qa                       question and answer pairs, in document order
 * @param customers                companies the answers name as customers
 * @param partners                 companies the answers name as partners or suppliers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IrActivity(
        Layout layout,
        List<String> activityTypes,
        String activityTypeOther,
        String date,
        String location,
        List<Participant> participants,
        Integer declaredInstitutionCount,
        Integer declaredPersonCount,
        List<Receptionist> receptionists,
        List<QaPair> qa,
        List<NamedCompany> customers,
        List<NamedCompany> partners) {

    public IrActivity {
        activityTypes = activityTypes == null ? List.of() : List.copyOf(activityTypes);
        participants = participants == null ? List.of() : List.copyOf(participants);
        receptionists = receptionists == null ? List.of() : List.copyOf(receptionists);
        qa = qa == null ? List.of() : List.copyOf(qa);
        customers = customers == null ? List.of() : List.copyOf(customers);
        partners = partners == null ? List.of() : List.copyOf(partners);
    }

    /** The record layouts Pilu parses. */
    public enum Layout {
        /** Beijing Stock Exchange: numbered sections 一、二、三 with a vertical check list. */
        BSE,
        /** Shenzhen / Shanghai: a two-column table of label | content. */
        TABLE
    }

    /**
     * A participating institution.
     *
     * @param name           as written
     * @param normalizedName canonical full name (gazetteer), or {@code name}
     * @param type           institution kind
     * @param people         people named beside it, may be empty
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Participant(String name, String normalizedName, EntityType type, List<String> people) {
        public Participant {
            people = people == null ? List.of() : List.copyOf(people);
            if (normalizedName == null || normalizedName.isBlank()) {
                normalizedName = name;
            }
        }
    }

    /** A member of the company's reception staff, e.g. 师健伟, 董事会秘书. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Receptionist(String name, String title) {}

    /** One question and its answer. */
    public record QaPair(String question, String answer) {}

    /** A company named in the answers. */
    public record NamedCompany(String name) {}
}
