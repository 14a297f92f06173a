package io.pilu.infra;

/** A broker or node did not come up; the message ends with the last lines of its log. */
public final class InfraStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InfraStartException(String message) {
        super(message);
    }

    InfraStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
