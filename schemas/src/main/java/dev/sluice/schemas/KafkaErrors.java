package dev.sluice.schemas;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** Sorts Kafka client errors into what a poll loop or send callback does about them (one list for every service). */
public final class KafkaErrors {
  public enum Kind {
    /** The client cannot go on (fenced, refused by the cluster): stop it.*/
    FATAL,
    /** Transient (broker moved, timed out): keep going; the operation may succeed when repeated. */
    RETRIABLE,
    /** Wrong for this one record or operation only (too large, undecodable). */
    SKIP
  }

  private KafkaErrors() {}

  public static Kind classify(Throwable error) {
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
