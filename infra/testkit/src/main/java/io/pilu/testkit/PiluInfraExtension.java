package io.pilu.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Ties the shared Kafka and Elasticsearch to the JUnit run: each starts on first use ({@link SharedInfra}'s accessors
 * start it lazily, so a module whose tests only need Kafka never pays for an Elasticsearch node) and both stop when the
 * whole run ends (a value in the root context's store is closed at the end of the run).
 */
public final class PiluInfraExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PiluInfraExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shutdown.class, key -> new Shutdown(), Shutdown.class);
    }

    /** Closed by JUnit at the end of the run (AutoCloseable store values are closed since JUnit 5.13). */
    private static final class Shutdown implements AutoCloseable {
        @Override
        public void close() {
            SharedInfra.shutdown();
        }
    }
}
