package dev.sluice.schemas;

/**
 * Kafka record headers that carry request data next to a JSON batch line (which has no place
 * for them), and the reason headers of dead-letter records.
 */
public final class SluiceHeaders {
  /** The caller's virtual key (JSON batch lines only; Avro requests carry it in the body). */
  public static final String VIRTUAL_KEY = "sluice-key";
  public static final String REPLY_TOPIC = "sluice-reply-topic";
  /** Request id for a JSON batch line; when absent the record key, then a new id, is used. */
  public static final String REQUEST_ID = "sluice-request-id";
  public static final String PRIORITY = "sluice-priority";
  /** Absolute deadline in epoch milliseconds. */
  public static final String DEADLINE_MS = "sluice-deadline-ms";
  /** Metadata entries: {@code sluice-meta-team: payments}. */
  public static final String METADATA_PREFIX = "sluice-meta-";

  public static final String DLQ_REASON = "sluice-dlq-reason";
  public static final String DLQ_STAGE = "sluice-dlq-stage";
  public static final String DLQ_SOURCE_TOPIC = "sluice-dlq-source-topic";
  public static final String DLQ_SOURCE_PARTITION = "sluice-dlq-source-partition";
  public static final String DLQ_SOURCE_OFFSET = "sluice-dlq-source-offset";

  private SluiceHeaders() {}
}
