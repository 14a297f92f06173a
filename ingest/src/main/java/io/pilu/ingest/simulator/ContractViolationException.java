package io.pilu.ingest.simulator;

/** A request that the real bse.cn would not accept as a list request; the simulator answers it 400. */
public final class ContractViolationException extends Exception {

    private static final long serialVersionUID = 1L;

    public ContractViolationException(String message) {
        super(message);
    }
}
