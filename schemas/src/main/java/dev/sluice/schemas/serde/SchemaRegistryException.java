package dev.sluice.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The schema registry could not be reached or refused a call. */
public final class SchemaRegistryException extends SerializationException {
  public SchemaRegistryException(String message) {
    super(message);
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
