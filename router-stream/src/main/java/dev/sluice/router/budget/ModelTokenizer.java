package dev.sluice.router.budget;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.sluice.schemas.avro.ChatMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a prompt's tokens with the tokenizer that fits the model family, as a provider bills them.
 *
 * <ul>
 *   <li>OpenAI's current models (gpt-4o, gpt-4.1, gpt-5, o1, o3, o4 and later): {@code o200k_base}, exact
 *       for the message text.</li>
 *   <li>gpt-4 and gpt-3.5: {@code cl100k_base}, exact for the message text.</li>
 *   <li>Every other model (Claude, Llama, Mistral, Gemini...): {@code cl100k_base} as an
 *       approximation, since their tokenizers are not published for Java; Claude's counts come out
 *       somewhat higher than cl100k's for the same text, which is why {@link CostEstimator} adds a
 *       margin to these counts ({@link #isExact}).</li>
 * </ul>
 *
 * Each message adds {@value #TOKENS_PER_MESSAGE} tokens of chat framing and the reply
 * {@value #TOKENS_PER_REPLY} more, as in OpenAI's published counting recipe.
 */
public final class ModelTokenizer {
  static final int TOKENS_PER_MESSAGE = 3;
  static final int TOKENS_PER_REPLY = 3;
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  private static final List<String> O200K_PREFIXES = List.of("gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "chatgpt", "o1", "o3", "o4");
  private static final List<String> CL100K_PREFIXES = List.of("gpt-4", "gpt-3.5");
  /** Models are the configured ones, a handful: each is matched against the prefixes once. */
  private static final Map<String, Family> FAMILIES = new ConcurrentHashMap<>();
  /**
   * Each encoding with its counts of the chat roles, which the validate stage limits to a few
   * words: counting them once saves a tokenizer pass per message.
   */
  private static final Map<EncodingType, Counter> COUNTERS = new ConcurrentHashMap<>();
  /** More distinct roles than validation admits are counted each time rather than remembered. */
  private static final int ROLES_REMEMBERED = 16;

  private ModelTokenizer() {}

  /** The encoding used for a model name (the provider's own name, e.g. {@code gpt-4o-mini}). */
  public static EncodingType encodingFor(String model) {
    return family(model).encoding();
  }

  /** Whether the model's own tokenizer is used (OpenAI's models), rather than an approximation. */
  public static boolean isExact(String model) {
    return family(model).exact();
  }

  private static Family family(String model) {
    return FAMILIES.computeIfAbsent(model, m -> {
      String name = m.toLowerCase(Locale.ROOT);
      boolean o200k = O200K_PREFIXES.stream().anyMatch(name::startsWith);
      return new Family(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE,
          o200k || CL100K_PREFIXES.stream().anyMatch(name::startsWith));
    });
  }

  /** Which encoding counts a model's tokens, and whether it is the model's own. */
  private record Family(EncodingType encoding, boolean exact) {}

  /** The prompt tokens of {@code messages} sent to {@code model}; special-token text counts as ordinary text. */
  public static int promptTokens(String model, List<ChatMessage> messages) {
    return promptTokens(encodingFor(model), messages);
  }

  /** The prompt tokens of {@code messages} in one encoding. */
  public static int promptTokens(EncodingType type, List<ChatMessage> messages) {
    Counter counter = COUNTERS.computeIfAbsent(type, t -> new Counter(REGISTRY.getEncoding(t)));
    int tokens = TOKENS_PER_REPLY;
    for (ChatMessage message : messages) {
      tokens += TOKENS_PER_MESSAGE + counter.role(message.getRole()) + counter.text(message.getContent());
      if (message.getName() != null) {
        tokens += 1 + counter.text(message.getName());
      }
    }
    return tokens;
  }

  /** One encoding, with its counts of the chat roles. */
  private record Counter(Encoding encoding, Map<String, Integer> roles) {
    Counter(Encoding encoding) {
      this(encoding, new ConcurrentHashMap<>());
    }

    int role(String role) {
      Integer known = roles.get(role);
      if (known != null) {
        return known;
      }
      int count = text(role);
      if (roles.size() < ROLES_REMEMBERED) {
        roles.put(role, count);
      }
      return count;
    }

    int text(String text) {
      return encoding.countTokensOrdinary(text);
    }
  }
}
