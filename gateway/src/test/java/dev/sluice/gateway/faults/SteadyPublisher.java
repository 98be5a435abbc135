package dev.sluice.gateway.faults;

import dev.sluice.schemas.avro.LlmRequest;
import java.util.List;

/** Publishes requests in slices over a few seconds, so that a kill lands while work is still arriving. */
final class SteadyPublisher extends Thread {
  private final FaultCluster cluster;
  private final List<LlmRequest> requests;
  private final int perSlice;
  private final long sliceMillis;
  private volatile RuntimeException failure;

  SteadyPublisher(FaultCluster cluster, List<LlmRequest> requests, int perSlice, long sliceMillis) {
    super("steady-publisher");
    this.cluster = cluster;
    this.requests = requests;
    this.perSlice = perSlice;
    this.sliceMillis = sliceMillis;
  }

  @Override
  public void run() {
    try {
      for (int from = 0; from < requests.size(); from += perSlice) {
        cluster.publishRequests(requests.subList(from, Math.min(requests.size(), from + perSlice)));
        Thread.sleep(sliceMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  /** Waits until every request is published; rethrows a publishing failure. */
  void finish() throws InterruptedException {
    join();
    if (failure != null) {
      throw failure;
    }
  }
}
