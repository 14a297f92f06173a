package io.pilu.service;

/**
 * The result of a health or readiness probe.
 *
 * @param ok     whether the probe passed
 * @param detail a short human-readable reason, shown in the endpoint's body
 */
public record Check(boolean ok, String detail) {

    public static Check ok(String detail) {
        return new Check(true, detail);
    }

    public static Check failing(String detail) {
        return new Check(false, detail);
    }
}
