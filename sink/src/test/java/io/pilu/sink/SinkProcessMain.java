package io.pilu.sink;

import io.pilu.sink.cli.SinkCommand;
import picocli.CommandLine;

/** {@code pilu sink} as a standalone process, for tests that kill it (the app module owns the real launcher). */
public final class SinkProcessMain {

    private SinkProcessMain() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new SinkCommand()).execute(args));
    }
}
