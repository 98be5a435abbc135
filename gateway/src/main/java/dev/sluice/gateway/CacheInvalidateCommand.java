package dev.sluice.gateway;

import dev.sluice.schemas.CacheInvalidationSummary;
import dev.sluice.schemas.Topic;
import dev.sluice.schemas.Topics;
import dev.sluice.schemas.avro.CacheInvalidation;
import dev.sluice.schemas.serde.SchemaRegistryException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sluice cache invalidate}: publishes one {@link CacheInvalidation} to llm.cache-invalidations,
 * keyed by its namespace, and returns once the broker has acknowledged it. The router applies it.
 */
@Command(name = "invalidate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Drop cached answers of one namespace (org): all of them, those of one route (--route),"
        + " those carrying one tag (--tag), or with both, those matching both.",
        "Publishes one record to llm.cache-invalidations and waits for the broker's acknowledgement;"
            + " the router drops the entries when it reads it and records an audit event.",
        "Examples:",
        "  sluice cache invalidate --namespace acme",
        "  sluice cache invalidate --namespace acme --route smart --tag pricing"})
final class CacheInvalidateCommand implements Callable<Integer> {
  /** How long the broker may take to acknowledge, including the wait for the topic's metadata. */
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

  private final CliContext context;
  private final Clock clock;

  @Spec
  private CommandSpec spec;

  @Option(names = "--namespace", paramLabel = "ORG", required = true,
      description = "The namespace (tenant, i.e. the org) whose cached answers are dropped.")
  String namespace;

  @Option(names = "--route", paramLabel = "ROUTE", description = "Only the answers of this route (alias or provider/model).")
  String route;

  @Option(names = "--tag", paramLabel = "TAG", description = "Only the answers carrying this tag.")
  String tag;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail.")
  String reason;

  @Mixin
  KafkaOptions kafka;

  CacheInvalidateCommand(CliContext context) {
    this(context, Clock.systemUTC());
  }

  CacheInvalidateCommand(CliContext context, Clock clock) {
    this.context = context;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    CacheInvalidation invalidation = invalidation();
    Topic<String, CacheInvalidation> topic = new Topics(kafka.serdes()).cacheInvalidations();
    // Checked first: a broker with auto.create.topics.enable would create the topic for the producer with its
    // default partition count, not llm.requests.by-org's, and invalidations would miss the router task of the namespace.
    KafkaCheck.requireTopics(kafka.bootstrap, List.of(topic.name()));
    RecordMetadata sent = send(topic, invalidation);
    context.out().println("invalidation sent to " + sent.topic() + " partition " + sent.partition() + " offset "
        + sent.offset() + ": " + CacheInvalidationSummary.of(invalidation));
    return 0;
  }

  /** The record the options ask for, stamped with the clock's time; a usage error when an option is blank. */
  CacheInvalidation invalidation() {
    return CacheInvalidation.newBuilder()
        .setNamespace(nonBlank("--namespace", namespace))
        .setRoute(route == null ? null : nonBlank("--route", route))
        .setTag(tag == null ? null : nonBlank("--tag", tag))
        .setReason(reason == null ? null : nonBlank("--reason", reason))
        .setRequestedAt(clock.instant())
        .build();
  }

  private String nonBlank(String option, String value) {
    if (value.isBlank()) {
      throw new ParameterException(spec.commandLine(), option + " must not be blank, but was '" + value + "'");
    }
    return value;
  }

  private RecordMetadata send(Topic<String, CacheInvalidation> topic, CacheInvalidation invalidation) {
    Producer<String, CacheInvalidation> producer =
        new KafkaProducer<>(producerConfig(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    try {
      // Keyed by namespace: the partition of the router task that holds the namespace's entries.
      return producer.send(new ProducerRecord<>(topic.name(), invalidation.getNamespace(), invalidation))
          // The producer fails the send itself after delivery.timeout.ms; the margin only guards against a hang.
          .get(ACK_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw failure(topic.name(), e.getCause());
    } catch (KafkaException e) {
      throw failure(topic.name(), e);
    } catch (TimeoutException e) {
      throw noAcknowledgement(topic.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while waiting for Kafka at " + kafka.bootstrap
          + "; the invalidation may or may not have been written", e);
    } finally {
      producer.close(ACK_TIMEOUT);
    }
  }

  private Map<String, Object> producerConfig() {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap,
        // Names the writer in broker logs and quotas.
        ProducerConfig.CLIENT_ID_CONFIG, "sluice-cache-invalidate",
        // Explicit although default: a retried send must not publish the invalidation (and its audit event) twice.
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        // Explicit although default: "sent" is only printed once every in-sync replica has the record.
        ProducerConfig.ACKS_CONFIG, "all",
        // A user waits at the prompt: give up on the topic's metadata after ACK_TIMEOUT, not the 60 s default.
        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ACK_TIMEOUT.toMillis(),
        // Likewise for the acknowledgement itself, not the 120 s default.
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis(),
        // Must fit in delivery.timeout.ms with linger.ms; half of it leaves room for one retry.
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis() / 2);
  }

  /**
   * Sorts a failed send: retriable errors have already been retried by the producer until
   * delivery.timeout.ms, so what is left of them is a broker that did not answer; that, a client
   * the cluster refuses and a registry that cannot be used are the user's to fix
   * ({@link UserException}); anything else is fatal and unexpected.
   */
  RuntimeException failure(String topic, Throwable error) {
    return switch (error) {
      case RetriableException retriable -> noAcknowledgement(topic, retriable);
      case AuthorizationException denied -> notAllowed(topic, denied);
      case AuthenticationException denied -> notAllowed(topic, denied);
      case SchemaRegistryException registry -> new UserException("cannot encode the invalidation: " + registry.getMessage(), registry);
      default -> new IllegalStateException("Kafka at " + kafka.bootstrap + " refused the invalidation: " + error, error);
    };
  }

  private UserException notAllowed(String topic, KafkaException denied) {
    return new UserException("Kafka at " + kafka.bootstrap + " does not let this client write to " + topic + ": "
        + denied.getMessage(), denied);
  }

  private UserException noAcknowledgement(String topic, Exception cause) {
    return new UserException("no acknowledgement from Kafka at " + kafka.bootstrap + " for " + topic + " within "
        + ACK_TIMEOUT.toSeconds() + " s" + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")
        + "; it may not have been written:"
        + " send it again once Kafka answers (twice does no harm)", cause);
  }
}
