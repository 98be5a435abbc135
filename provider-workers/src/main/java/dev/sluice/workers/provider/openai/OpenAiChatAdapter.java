package dev.sluice.workers.provider.openai;

import dev.sluice.workers.provider.ChatCall;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderAdapter;
import dev.sluice.workers.provider.ProviderEndpoint;
import dev.sluice.workers.provider.internal.ProviderHttp;
import dev.sluice.workers.provider.internal.SecretScrubber;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * OpenAI Chat Completions, and any server that speaks it (vLLM, Ollama, Groq, Together...).
 * The endpoint's base URL ends with the version segment, e.g. {@code https://api.openai.com/v1}.
 */
public final class OpenAiChatAdapter implements ProviderAdapter {

  private final HttpUrl chatCompletionsUrl;
  private final Headers headers;
  private final TokenLimitField tokenLimitField;
  private final ProviderHttp http;

  /**
   * @param client          a client whose timeouts suit this endpoint (see {@code HttpClients.forEndpoint})
   * @param tokenLimitField the field that carries {@link ChatCall#maxTokens()}
   * @param clock           reads {@code Retry-After} dates and rate-limit resets against it
   */
  public OpenAiChatAdapter(OkHttpClient client, ProviderEndpoint endpoint, TokenLimitField tokenLimitField,
      Clock clock) {
    this.chatCompletionsUrl = endpoint.url("/chat/completions");
    this.headers = authHeaders(endpoint);
    this.tokenLimitField = tokenLimitField;
    this.http = new ProviderHttp(client, OpenAiResponseMapper::readError,
        new SecretScrubber(endpoint.apiKey()), clock);
  }

  /** {@code Authorization: Bearer <key>}, or no header for a local server that needs no key. */
  static Headers authHeaders(ProviderEndpoint endpoint) {
    return endpoint.hasApiKey() ? Headers.of("Authorization", "Bearer " + endpoint.apiKey()) : Headers.of();
  }

  // https://platform.openai.com/docs/api-reference/chat/create
  @Override
  public CompletableFuture<ChatCompletion> complete(ChatCall call) {
    return http.postJson(chatCompletionsUrl, headers, OpenAiRequestMapper.toBody(call, tokenLimitField),
        OpenAiResponseMapper::toCompletion);
  }
}
