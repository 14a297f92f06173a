package io.pilu.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test against real Kafka and Elasticsearch: both are running (see {@link SharedInfra}) before the
 * class's first test, and are tagged {@code integration}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PiluInfraExtension.class)
@Tag("integration")
public @interface PiluIntegrationTest {}
