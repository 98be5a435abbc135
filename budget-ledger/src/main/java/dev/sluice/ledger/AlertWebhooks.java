package dev.sluice.ledger;

import dev.sluice.schemas.KafkaErrors;
import dev.sluice.schemas.avro.BudgetAlert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the alerts of llm.budget-alerts to the webhooks of their budgets, on its own thread.
 *
 * <p><b>Delivery.</b> Each alert of a budget with a webhook is posted as JSON ({@link AlertJson}),
 * signed ({@link WebhookSignature}), with its id in {@value WebhookPoster#ALERT_ID_HEADER};
 * failures are tried again with backoff, then given up and logged ({@link WebhookPoster}). The
 * offset is committed after each alert is delivered or given up, so an alert is posted at least
 * once and, after a crash between the POST and the commit, possibly again: receivers drop repeats
 * by alert id. Alerts of budgets without a webhook are skipped; only committed alerts are read
 * (read_committed), as the ledger writes them in transactions.
 *
 * <p><b>Never in a request's way.</b> This is a separate consumer (group {@value #GROUP_ID}) of a
 * separate service; no request waits for it. A failing webhook delays only the alerts behind it,
 * each by at most the retry budget ({@link WebhookSettings#retryBudget()}).
 *
 * <p><b>Kafka errors in the poll loop.</b> Fatal ones (fenced, refused by the cluster) stop it
 * with an error log; retriable ones are logged and polled past; an undecodable alert is skipped
 * and committed past; a commit lost to a rebalance leaves the alert to the partition's new owner.
 */
public final class AlertWebhooks implements AutoCloseable {
  public static final String GROUP_ID = "sluice-budget-webhooks";
  private static final Logger log = LoggerFactory.getLogger(AlertWebhooks.class);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Consumer<String, BudgetAlert> consumer;
  private final String topic;
  private final Map<String, WebhookTarget> targets;
  private final WebhookPoster poster;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private Thread thread;

  /**
   * @param consumer a consumer of {@code topic} in group {@value #GROUP_ID}, with auto-commit off
   *     ({@link WebhookConsumerConfig}); owned and closed by this object from now on
   * @param targets webhook targets by budget id ({@link WebhookTarget#resolve})
   * @param http the client every POST goes through; not closed here
   */
  public AlertWebhooks(Consumer<String, BudgetAlert> consumer, String topic, Map<String, WebhookTarget> targets,
      OkHttpClient http, WebhookSettings settings) {
    this.consumer = consumer;
    this.topic = topic;
    this.targets = Map.copyOf(targets);
    this.poster = new WebhookPoster(http, settings);
  }

  /** Starts delivering on a thread of its own. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("alert webhooks were already started");
    }
    thread = new Thread(this::run, "sluice-budget-webhooks");
    thread.start();
  }

  /** Whether the delivery loop is still going (false after close or a fatal Kafka error). */
  public boolean isRunning() {
    return running && stopped.getCount() > 0;
  }

  private void run() {
    try {
      subscribe();
      while (running) {
        pollOnce(POLL_TIMEOUT);
      }
    } catch (WakeupException | InterruptException e) {
      // close() was called: leave the loop.
    } catch (KafkaException e) {
      log.error("alert webhooks stop on a fatal Kafka error; alerts are no longer posted", e);
    } finally {
      running = false;
      closeConsumer();
      stopped.countDown();
    }
  }

  void subscribe() {
    consumer.subscribe(List.of(topic));
  }

  /** One poll, and the delivery and commit of each alert it returns. Fatal Kafka errors are thrown. */
  void pollOnce(Duration timeout) {
    ConsumerRecords<String, BudgetAlert> records;
    try {
      records = consumer.poll(timeout);
    } catch (RecordDeserializationException e) {
      log.error("cannot decode the alert at {}-{}; it is skipped and not posted", e.topicPartition(), e.offset(), e);
      commit(e.topicPartition(), e.offset() + 1);
      consumer.seek(e.topicPartition(), e.offset() + 1);
      return;
    } catch (WakeupException | InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      switch (KafkaErrors.classify(e)) {
        case FATAL -> throw e;
        case RETRIABLE -> log.warn("polling {} failed; polling again: {}", topic, e.toString());
        case SKIP -> log.error("polling {} failed; polling again", topic, e);
      }
      // The same error may come back at once: pause instead of spinning, but not past close().
      pause(timeout);
      return;
    }
    for (ConsumerRecord<String, BudgetAlert> record : records) {
      if (!running || !deliver(record.value())) {
        // Stopped mid-delivery: not committed, so the alert is posted on the next start.
        return;
      }
      commit(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
    }
  }

  /** @return false if stopped before the alert was delivered or given up */
  private boolean deliver(BudgetAlert alert) {
    WebhookTarget target = targets.get(alert.getBudgetId());
    if (target == null) {
      log.debug("budget {} has no webhook; alert {} is not posted", alert.getBudgetId(), alert.getAlertId());
      return true;
    }
    return poster.deliver(alert, target) != WebhookPoster.Outcome.STOPPED;
  }

  private void commit(TopicPartition partition, long nextOffset) {
    try {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(nextOffset)));
    } catch (CommitFailedException e) {
      log.warn("the commit up to {}-{} was lost to a rebalance; the partition's new owner may post its alerts again",
          partition, nextOffset);
    } catch (WakeupException | InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      if (KafkaErrors.classify(e) == KafkaErrors.Kind.FATAL) {
        throw e;
      }
      // The next commit covers this offset too; if none comes, the alert is posted again after a restart.
      log.warn("the commit up to {}-{} failed: {}", partition, nextOffset, e.toString());
    }
  }

  /** Stops the loop promptly (ending a backoff or POST in flight) and closes the consumer; bounded, idempotent. */
  @Override
  public void close() {
    running = false;
    closing.countDown();
    poster.stop();
    consumer.wakeup();
    Thread started;
    synchronized (this) {
      started = thread;
    }
    if (started == null) {
      if (stopped.getCount() > 0) {
        closeConsumer();
        stopped.countDown();
      }
      return;
    }
    try {
      if (!stopped.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("alert webhooks did not stop within {}", CLOSE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pause(Duration timeout) {
    try {
      closing.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void closeConsumer() {
    try {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    } catch (RuntimeException e) {
      log.debug("closing the alert consumer failed", e);
    }
  }
}
