package io.pilu.service;

import java.time.Duration;
import picocli.CommandLine;

/**
 * Usage errors for option values picocli cannot check itself: each check throws picocli's
 * {@link CommandLine.ParameterException} naming the option, so the command exits 2 with the message and its usage
 * instead of failing later with a stack trace. One place, so every command words them alike.
 */
public final class Validation {
    private final CommandLine commandLine;

    /** Checks for the options of {@code commandLine} (the command's {@code @Spec} gives it). */
    public Validation(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    public void positive(String option, long value) {
        if (value <= 0) {
            fail(option + " must be positive, not " + value);
        }
    }

    public void notNegative(String option, long value) {
        if (value < 0) {
            fail(option + " must not be negative, not " + value);
        }
    }

    public void positive(String option, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            fail(option + " must be positive, not " + value);
        }
    }

    public void notNegative(String option, Duration value) {
        if (value == null || value.isNegative()) {
            fail(option + " must not be negative, not " + value);
        }
    }

    public void fail(String message) {
        throw new CommandLine.ParameterException(commandLine, message);
    }
}
