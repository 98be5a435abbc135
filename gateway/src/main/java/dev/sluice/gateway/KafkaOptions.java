package dev.sluice.gateway;

import dev.sluice.schemas.serde.SluiceSerdes;
import picocli.CommandLine.Option;

/** Where the Kafka cluster and its schema registry are, for the commands that use an external one. */
final class KafkaOptions {
  @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = "${env:SLUICE_BOOTSTRAP:-127.0.0.1:9092}",
      description = "Kafka bootstrap servers (default: $SLUICE_BOOTSTRAP, else 127.0.0.1:9092).")
  String bootstrap;

  @Option(names = "--schema-registry", paramLabel = "URL", defaultValue = "${env:SLUICE_SCHEMA_REGISTRY_URL}",
      description = "Schema registry for Avro records (default: $SLUICE_SCHEMA_REGISTRY_URL, else none:"
          + " single-object encoding).")
  String schemaRegistry;

  SluiceSerdes serdes() {
    return SluiceSerdes.create(schemaRegistry);
  }
}
