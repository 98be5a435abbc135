package dev.sluice.workers.dispatch;

import dev.sluice.schemas.Lane;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.DispatchItem;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes settlements with a transactional producer, inside a transaction its owner began: a
 * reply, its audit event, its ledger entries and its copy for the router, or a dispatch to the
 * request's next target (or, from a batch job, to the realtime path). Send errors surface at
 * {@code commitTransaction}, which the owner handles.
 */
public final class SettlementWriter {
  private final Producer<String, byte[]> producer;
  private final Topics topics;

  public SettlementWriter(Producer<String, byte[]> producer, Topics topics) {
    this.producer = producer;
    this.topics = topics;
  }

  public void write(Settlement settlement) {
    switch (settlement) {
      case Settlement.Terminal t -> {
        String requestId = t.reply().getRequestId();
        send(topics.replies(t.replyTopic()), null, requestId, t.reply());
        send(topics.audit(), null, requestId, t.audit());
        t.ledgerEntries().forEach(entry -> send(topics.costLedger(), null, entry.getOrg(), entry));
        if (t.hasOutcomeCopy()) {
          // The router's dedupe entry for this request lives in that partition; it must see the outcome there.
          send(topics.outcomes(), t.intakePartition(), t.dedupeKey(), t.reply());
        }
      }
      case Settlement.Failover f -> {
        // The request keeps its lane at its next target.
        DispatchItem item = f.batch().getItems().getFirst();
        send(topics.dispatch(f.providerId(), Lane.of(item.getPriority())), null, item.getRequestId(), f.batch());
      }
    }
  }

  /** @param partition an explicit partition, or null for the producer's partitioner */
  public <V> void send(Topic<String, V> topic, Integer partition, String key, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), partition, key, bytes));
  }
}
