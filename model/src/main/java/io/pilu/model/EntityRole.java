package io.pilu.model;

/** The part an entity plays in an announcement. */
public enum EntityRole {
    /** Took part in an IR activity (参会单位). */
    PARTICIPANT,
    /** Received the participants for the company (上市公司接待人员). */
    RECEPTIONIST,
    /** Named by the company as a customer. */
    CUSTOMER,
    /** Named by the company as a partner or supplier. */
    PARTNER
}
