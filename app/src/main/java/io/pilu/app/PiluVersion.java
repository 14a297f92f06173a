package io.pilu.app;

import picocli.CommandLine;

/** {@code pilu --version}: the build's version from the jar manifest. */
public final class PiluVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Pilu.class.getPackage().getImplementationVersion();
        return new String[] {
            "pilu " + (v == null ? "(development build)" : v), "Java " + System.getProperty("java.version")
        };
    }
}
