package dev.sluice.workers.provider.batch;

import dev.sluice.workers.provider.ChatCall;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One request of a batch job.
 *
 * @param customId maps the provider's result back to the request; 1 to 64 of {@code [A-Za-z0-9_-]},
 *     which both OpenAI and Anthropic accept
 * @param call the chat call
 */
public record BatchLine(String customId, ChatCall call) {
  public static final Pattern CUSTOM_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public BatchLine {
    Objects.requireNonNull(call, "call");
    if (customId == null || !CUSTOM_ID.matcher(customId).matches()) {
      throw new IllegalArgumentException("customId must match " + CUSTOM_ID.pattern() + ", but was '" + customId + "'");
    }
  }
}
