package io.pilu.ingest.cninfo;

import java.util.List;

/**
 * Company codes the cninfo stock list does not know. Their orgIds cannot be guessed (contract §3: an orgId is not
 * derived from the code, and a wrong one silently matches nothing), so the query is not sent.
 */
public final class CninfoUnknownCodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> codes;

    public CninfoUnknownCodeException(List<String> codes) {
        super("company code" + (codes.size() == 1 ? " " : "s ") + String.join(", ", codes)
                + (codes.size() == 1 ? " is" : " are") + " not in cninfo's stock list (/new/data/szse_stock.json);"
                + " its orgId cannot be derived from the code, so it cannot be queried");
        this.codes = List.copyOf(codes);
    }

    /** The unknown codes, in the order asked for. */
    public List<String> codes() {
        return codes;
    }
}
