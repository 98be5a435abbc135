package dev.sluice.workers.simulator;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * A deterministic stand-in for a model: counts tokens with a real BPE tokenizer and answers with a
 * sentence that quotes the last user message, cut to the token limit.
 */
final class SimulatedModel {

  // Loading an encoding takes a few hundred milliseconds; every simulator in the JVM shares them.
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  /** The encoding of OpenAI's current models. */
  static final SimulatedModel OPENAI = new SimulatedModel(EncodingType.O200K_BASE);
  /** Anthropic publishes no tokenizer; cl100k_base counts within a few percent of its numbers for English. */
  static final SimulatedModel ANTHROPIC = new SimulatedModel(EncodingType.CL100K_BASE);

  private final Encoding encoding;

  private SimulatedModel(EncodingType type) {
    this.encoding = REGISTRY.getEncoding(type);
  }

  int countTokens(String text) {
    return encoding.countTokens(text);
  }

  /**
   * The answer to a conversation whose last user message is {@code lastUserText}.
   *
   * @param maxTokens the completion limit, or null for none
   */
  Generation generate(String model, String lastUserText, Integer maxTokens) {
    String full = "This is a simulated reply from " + model + " to: " + lastUserText;
    if (maxTokens == null) {
      return new Generation(full, encoding.countTokens(full), false);
    }
    EncodingResult tokens = encoding.encode(full, maxTokens);
    return new Generation(encoding.decode(tokens.getTokens()), tokens.getTokens().size(), tokens.isTruncated());
  }

  /** A completion and how many tokens it took; {@code truncated} when the limit cut it. */
  record Generation(String text, int tokens, boolean truncated) {
  }
}
