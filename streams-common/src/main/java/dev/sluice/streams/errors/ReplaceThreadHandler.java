package dev.sluice.streams.errors;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams service never stops on its own: a stream thread that dies is logged and replaced, and the
 * new thread takes up its tasks from the last commit. Per-record failures do not reach this
 * handler (see {@link DeadLetterProcessingHandler}); what does is a broker or client failure.
 */
public final class ReplaceThreadHandler implements StreamsUncaughtExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ReplaceThreadHandler.class);

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    log.error("a stream thread died; replacing it", exception);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }
}
