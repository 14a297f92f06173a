package io.pilu.model;

/** Kind of a named entity found in an announcement. */
public enum EntityType {
    BROKER,
    FUND_MANAGER,
    PRIVATE_FUND,
    INSURER,
    BANK,
    TRUST,
    QFII,
    /** An operating company (customers, partners). */
    COMPANY,
    /** A natural person (reception staff). */
    PERSON,
    OTHER
}
