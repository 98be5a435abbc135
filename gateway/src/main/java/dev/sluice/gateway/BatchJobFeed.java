package dev.sluice.gateway;

import dev.sluice.schemas.avro.BatchJob;
import java.time.Duration;
import java.util.List;

/** The committed records of llm.batch-jobs, from the topic's beginning on; tests pass a fake. */
public interface BatchJobFeed extends AutoCloseable {
  /** The records that arrived within {@code timeout}, possibly none, each job's in the order written. */
  List<BatchJob> poll(Duration timeout);

  /** The records not yet returned, up to the end of the topic as it stands now; gives up after {@code timeout}. */
  List<BatchJob> rest(Duration timeout);

  @Override
  void close();
}
