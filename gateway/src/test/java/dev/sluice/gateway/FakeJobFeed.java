package dev.sluice.gateway;

import dev.sluice.schemas.avro.BatchJob;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Has no job records while replies are awaited, then the ones the test makes once they are all in. */
final class FakeJobFeed implements BatchJobFeed {
  private final Supplier<List<BatchJob>> atTheEnd;
  boolean closed;

  FakeJobFeed(Supplier<List<BatchJob>> atTheEnd) {
    this.atTheEnd = atTheEnd;
  }

  @Override
  public List<BatchJob> poll(Duration timeout) {
    return List.of();
  }

  @Override
  public List<BatchJob> rest(Duration timeout) {
    return atTheEnd.get();
  }

  @Override
  public void close() {
    closed = true;
  }
}
