package dev.sluice.client;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** Sorts Kafka client errors into what the client does about them. */
final class KafkaErrors {
  enum Kind {
    /** The client cannot go on: fail everything waiting and refuse new requests. */
    FATAL,
    /** Transient (broker moved, timed out): keep polling; a failed send fails only its request. */
    RETRIABLE,
    /** Wrong for this one record or request only (too large, undecodable): drop it and go on. */
    SKIP
  }

  private KafkaErrors() {}

  static Kind classify(Throwable error) {
    if (error instanceof AuthenticationException
        || error instanceof AuthorizationException
        || error instanceof UnsupportedVersionException
        || error instanceof ProducerFencedException
        || error instanceof OutOfOrderSequenceException
        || error instanceof InvalidProducerEpochException) {
      return Kind.FATAL;
    }
    if (error instanceof RetriableException) {
      return Kind.RETRIABLE;
    }
    return Kind.SKIP;
  }
}
