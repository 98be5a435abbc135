package dev.sluice.gateway;

import dev.sluice.client.LlmClient;
import dev.sluice.client.SluiceClientSettings;
import dev.sluice.schemas.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice send}: one prompt, or a whole OpenAI Batch input file. */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Send a prompt, or every line of an OpenAI Batch input file, and print or write the replies.",
        "Examples:",
        "  sluice send --key sk-sluice-demo --model fast \"Say hello in French\"",
        "  sluice send --key sk-sluice-demo --file requests.jsonl",
        "  sluice send --key sk-sluice-demo --file requests.jsonl --deferred --deadline 24h"})
final class SendCommand implements Callable<Integer> {
  /** The providers give a batch job 24 h; what it leaves unfinished is then called in realtime. */
  private static final Duration DEFERRED_TIMEOUT = Duration.ofHours(25);

  private final CliContext context;

  @Spec
  private CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PROMPT", description = "The user message (omit with --file).")
  String prompt;

  @Option(names = "--file", paramLabel = "FILE", description = "An OpenAI Batch input file: one {\"custom_id\",\"method\",\"url\",\"body\"} per line.")
  Path file;

  @Option(names = "--output", paramLabel = "FILE", description = "Where --file replies go (default: <name>.output.jsonl next to the input).")
  Path output;

  @Option(names = "--deferred", description = "With --file: send every line deferred, to be packed into provider batch jobs"
      + " at the batch price; the progress shows the jobs' states.")
  boolean deferred;

  @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "With --deferred: every reply is due within this, e.g. 24h (default: none).")
  Duration deadline;

  @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:SLUICE_KEY}",
      description = "Your virtual key (default: $SLUICE_KEY).")
  String key;

  @Option(names = "--model", paramLabel = "ALIAS", description = "A route alias (e.g. fast, smart) or provider/model.")
  String model;

  @Option(names = "--max-tokens", paramLabel = "N", description = "Most tokens the reply may have.")
  Integer maxTokens;

  @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature, e.g. 0.2.")
  Double temperature;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system message sent before the prompt.")
  String system;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long each request may wait for its reply (default: 60s; with --deferred the --deadline, else 25h).")
  Duration timeout;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--reply-topic", paramLabel = "TOPIC", defaultValue = TopicNames.REPLIES,
      description = "The topic replies come back on (default: ${DEFAULT-VALUE}).")
  String replyTopic;

  SendCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    checkUsage();
    if (file != null) {
      BatchFileSend batch = BatchFileSend.prepare(file, output);
      try (LlmClient client = connect()) {
        if (!deferred) {
          return batch.run(client, key, null, context);
        }
        Instant due = deadline == null ? null : Instant.now().plus(deadline);
        try (BatchJobFeed jobs = watchJobs()) {
          return batch.run(client, key, new BatchFileSend.Deferred(due, jobs), context);
        }
      }
    }
    try (LlmClient client = connect()) {
      return new PromptSend(context).run(client, PromptSend.request(key, model, prompt, system, maxTokens, temperature));
    }
  }

  private void checkUsage() {
    if (key == null || key.isBlank()) {
      throw new ParameterException(spec.commandLine(), "a virtual key is required: --key KEY or the SLUICE_KEY variable");
    }
    if ((prompt == null) == (file == null)) {
      throw new ParameterException(spec.commandLine(), "give either a PROMPT or --file FILE");
    }
    if (file != null && (model != null || system != null || maxTokens != null || temperature != null)) {
      throw new ParameterException(spec.commandLine(),
          "--model, --system, --max-tokens and --temperature apply to a PROMPT; with --file each line's body sets them");
    }
    if (file == null && output != null) {
      throw new ParameterException(spec.commandLine(), "--output applies to --file only");
    }
    if (prompt != null && (model == null || model.isBlank())) {
      throw new ParameterException(spec.commandLine(), "--model is required with a PROMPT (a route alias such as fast)");
    }
    if (deferred && file == null) {
      throw new ParameterException(spec.commandLine(), "--deferred applies to --file only");
    }
    if (deadline != null && !deferred) {
      throw new ParameterException(spec.commandLine(), "--deadline " + spec.commandLine().getParseResult()
          .matchedOption("--deadline").originalStringValues().get(0) + " applies to --deferred only");
    }
    if (maxTokens != null && maxTokens <= 0) {
      throw new ParameterException(spec.commandLine(), "--max-tokens must be > 0, but was " + maxTokens);
    }
  }

  private LlmClient connect() {
    try {
      return context.clients().connect(settings());
    } catch (KafkaException | IllegalStateException e) {
      throw cannotUseKafka(e);
    }
  }

  private BatchJobFeed watchJobs() {
    try {
      return context.clients().watchJobs(settings());
    } catch (KafkaException e) {
      throw cannotUseKafka(e);
    }
  }

  private SluiceClientSettings settings() {
    return SluiceClientSettings.of(kafka.bootstrap)
        .withReplyTopic(replyTopic).withTimeout(replyTimeout()).withSerdes(kafka.serdes());
  }

  /** A deferred request waits for a whole batch job, which takes far longer than a realtime call. */
  private Duration replyTimeout() {
    if (timeout != null) {
      return timeout;
    }
    if (!deferred) {
      return SluiceClientSettings.DEFAULT_TIMEOUT;
    }
    return deadline != null ? deadline : DEFERRED_TIMEOUT;
  }

  private UserException cannotUseKafka(RuntimeException e) {
    return new UserException("cannot use Kafka at " + kafka.bootstrap + ": " + e.getMessage()
        + " (is `./sluice up` running?)", e);
  }
}
