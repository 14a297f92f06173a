package io.pilu.testkit;

/** A Kafka cluster shared by the tests of one JVM. */
interface KafkaService extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();
}
