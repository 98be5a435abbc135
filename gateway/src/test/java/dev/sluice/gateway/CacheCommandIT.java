package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.embedded.TopicAdmin;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.CacheInvalidation;
import dev.sluice.schemas.serde.SluiceSerdes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * {@code sluice cache invalidate} against a running broker: refused while the topic is missing,
 * then one record per run, keyed by namespace, read back with a plain consumer; then a broker
 * that no longer answers.
 */
class CacheCommandIT {
  private static final int PARTITIONS = 3;

  @Test
  void publishesOneInvalidationPerRunKeyedByNamespace() {
    Topic<String, CacheInvalidation> topic = new Topics(SluiceSerdes.withoutRegistry()).cacheInvalidations();
    String bootstrap;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.ephemeral().build().start()) {
      bootstrap = broker.bootstrapServers();
      TestCli missing = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));
      assertThat(missing.run("cache", "invalidate", "--bootstrap", bootstrap, "--namespace", "acme"))
          .isEqualTo(SluiceCommand.USER_ERROR);
      assertThat(missing.err()).isEqualTo("sluice: topic llm.cache-invalidations does not exist on " + bootstrap
          + " (create it with `sluice topics`, or check --bootstrap)\n");
      assertThat(missing.out()).isEmpty();

      TopicAdmin.create(bootstrap, List.of(TopicNames.CACHE_INVALIDATIONS), PARTITIONS, (short) 1, TopicNames::isCompacted);
      Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      TestCli narrow = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));
      assertThat(narrow.run("cache", "invalidate", "--bootstrap", bootstrap, "--namespace", "acme", "--route", "smart",
          "--tag", "pricing", "--reason", "prices changed")).as(narrow.err()).isZero();
      TestCli wide = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));
      assertThat(wide.run("cache", "invalidate", "--bootstrap", bootstrap, "--namespace", "globex"))
          .as(wide.err()).isZero();
      Instant after = Instant.now();

      List<ConsumerRecord<String, CacheInvalidation>> records = readAll(bootstrap, topic, 2);
      assertThat(records).hasSize(2);
      ConsumerRecord<String, CacheInvalidation> acme = records.stream().filter(r -> "acme".equals(r.key())).findFirst().orElseThrow();
      ConsumerRecord<String, CacheInvalidation> globex = records.stream().filter(r -> "globex".equals(r.key())).findFirst().orElseThrow();

      assertThat(acme.value().getNamespace()).isEqualTo("acme");
      assertThat(acme.value().getRoute()).isEqualTo("smart");
      assertThat(acme.value().getTag()).isEqualTo("pricing");
      assertThat(acme.value().getReason()).isEqualTo("prices changed");
      assertThat(acme.value().getRequestedAt()).isBetween(before, after);
      assertThat(narrow.out()).isEqualTo("invalidation sent to llm.cache-invalidations partition " + acme.partition()
          + " offset " + acme.offset() + ": namespace acme, route smart, tag pricing (reason: prices changed)\n");
      assertThat(narrow.err()).isEmpty();

      assertThat(globex.value().getNamespace()).isEqualTo("globex");
      assertThat(globex.value().getRoute()).isNull();
      assertThat(globex.value().getTag()).isNull();
      assertThat(globex.value().getReason()).isNull();
      assertThat(globex.value().getRequestedAt()).isBetween(acme.value().getRequestedAt(), after);
      assertThat(wide.out()).isEqualTo("invalidation sent to llm.cache-invalidations partition " + globex.partition()
          + " offset " + globex.offset() + ": namespace globex\n");
    }

    TestCli gone = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));
    assertThat(gone.run("cache", "invalidate", "--bootstrap", bootstrap, "--namespace", "acme"))
        .isEqualTo(SluiceCommand.USER_ERROR);
    assertThat(gone.err()).startsWith("sluice: no Kafka answered at " + bootstrap + " within 10 s");
    assertThat(gone.out()).isEmpty();
  }

  /** Every record of the topic from its beginning, read as the router would (read_committed), until {@code n} arrived. */
  private static List<ConsumerRecord<String, CacheInvalidation>> readAll(String bootstrap, Topic<String, CacheInvalidation> topic,
      int n) {
    List<ConsumerRecord<String, CacheInvalidation>> records = new ArrayList<>();
    try (KafkaConsumer<String, CacheInvalidation> consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topic.name(), p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return records.size() >= n;
      });
      // One more poll would catch a duplicate.
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    return records;
  }
}
