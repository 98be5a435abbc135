package dev.sluice.bench;

import dev.sluice.gateway.ExactlyOnceTuning;
import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import java.io.PrintStream;
import java.util.StringJoiner;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latency histograms and counts of one load run; safe to record from many threads. */
final class LoadReport {
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Recorder endToEnd = new Recorder(MAX_MICROS, 3);
  private final Recorder added = new Recorder(MAX_MICROS, 3);
  private final Recorder addedAtFirstCall = new Recorder(MAX_MICROS, 3);
  private final Recorder addedAfterFailedAttempts = new Recorder(MAX_MICROS, 3);
  private final AtomicLong afterFailedAttempts = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final ConcurrentSkipListMap<String, LongAdder> failuresByCode = new ConcurrentSkipListMap<>();
  private final AtomicLong lastCompletion = new AtomicLong();

  void record(LlmReply reply, Throwable error, long latencyNanos) {
    lastCompletion.accumulateAndGet(System.nanoTime(), Math::max);
    if (error != null || reply.getStatus() == ReplyStatus.ERROR) {
      failures.incrementAndGet();
      failuresByCode.computeIfAbsent(failureCode(reply, error), code -> new LongAdder()).increment();
      return;
    }
    ok.incrementAndGet();
    long micros = TimeUnit.NANOSECONDS.toMicros(latencyNanos);
    long providerMicros = 0;
    for (Attempt attempt : reply.getAttempts()) {
      providerMicros += TimeUnit.MILLISECONDS.toMicros(attempt.getLatencyMs());
    }
    endToEnd.recordValue(Math.min(micros, MAX_MICROS));
    long addedMicros = Math.min(Math.max(0, micros - providerMicros), MAX_MICROS);
    added.recordValue(addedMicros);
    if (reply.getAttempts().size() > 1) {
      afterFailedAttempts.incrementAndGet();
      addedAfterFailedAttempts.recordValue(addedMicros);
    } else {
      addedAtFirstCall.recordValue(addedMicros);
    }
  }

  long failures() {
    return failures.get();
  }

  /** Failed replies by error code (or the client's exception), e.g. "budget_exceeded 12, TimeoutException 1". */
  String failureCodes() {
    StringJoiner codes = new StringJoiner(", ");
    failuresByCode.forEach((code, n) -> codes.add(code + " " + n.sum()));
    return codes.toString();
  }

  private static String failureCode(LlmReply reply, Throwable error) {
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      return cause.getClass().getSimpleName();
    }
    return reply.getError() == null ? "error without a code" : reply.getError().getCode();
  }

  long lastCompletionNanos() {
    return lastCompletion.get();
  }

  void print(PrintStream out, int count, int rate, long elapsedNanos, CpuClock cpu, ExactlyOnceTuning tuning,
      int partitions, int simulatorLatencyMs, BenchOrgs orgs) {
    double cpuSeconds = cpu.secondsSinceStart();
    double jitSeconds = cpu.jitSecondsSinceStart();
    Histogram e2e = endToEnd.getIntervalHistogram();
    Histogram extra = added.getIntervalHistogram();
    double seconds = elapsedNanos / 1e9;
    out.printf("%n== load: %,d requests, target rate %s, %s, router commit.interval.ms=%d, worker batch window %d ms,"
        + " %d partitions, simulator latency %d ms ==%n", count, rate > 0 ? String.format("%,d/s", rate) : "unbounded",
        orgs.describe(), tuning.routerCommitIntervalMs(), tuning.workerBatchWindow().toMillis(), partitions,
        simulatorLatencyMs);
    out.printf("replies ok %,d, failed %,d%s%n", ok.get(), failures.get(),
        failures.get() > 0 ? " (" + failureCodes() + ")" : "");
    out.printf("sustained    %,.0f requests/s (%.2f s from first send to last reply)%n", count / seconds, seconds);
    out.printf("end to end   p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", ms(e2e, 50), ms(e2e, 99), e2e.getMaxValue() / 1000.0);
    out.printf("added        p50 %.1f ms  p99 %.1f ms (end to end minus provider call time)%n", ms(extra, 50), ms(extra, 99));
    Histogram retried = addedAfterFailedAttempts.getIntervalHistogram();
    Histogram first = addedAtFirstCall.getIntervalHistogram();
    if (afterFailedAttempts.get() > 0) {
      out.printf("  served by the first call: %,d replies, added p50 %.1f ms  p99 %.1f ms%n",
          ok.get() - afterFailedAttempts.get(), ms(first, 50), ms(first, 99));
      out.printf("  after failed attempts (retry or failover): %,d replies, added p50 %.1f ms  p99 %.1f ms%n",
          afterFailedAttempts.get(), ms(retried, 50), ms(retried, 99));
    }
    out.printf("process CPU  %.2f s in all, %.3f CPU-seconds per 1,000 requests%n", cpuSeconds, cpuSeconds / count * 1000);
    out.printf("  of which JIT compilation %.2f s; without it %.3f CPU-seconds per 1,000 requests%n",
        jitSeconds, (cpuSeconds - jitSeconds) / count * 1000);
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }
}
