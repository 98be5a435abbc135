package dev.sluice.workers.simulator;

import static dev.sluice.workers.simulator.ProviderSimulator.OPENAI_CHAT_PATH;
import static dev.sluice.workers.simulator.RawHttp.OPENAI_AUTH;
import static dev.sluice.workers.simulator.RawHttp.post;
import static dev.sluice.workers.simulator.Tokenizers.O200K;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class OpenAiChatApiTest {
  @AutoClose
  private static final ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.defaults());

  @Test
  void answersInOpenAisShapeWithTokenizerCounts() throws Exception {
    String request = RawHttp.json(Map.of("model", "gpt-4o-mini", "messages", List.of(
        Map.of("role", "system", "content", "You are terse."),
        Map.of("role", "user", "content", "Say hello to Kafka"))));

    RawHttp.Reply reply = post(sim, OPENAI_CHAT_PATH, OPENAI_AUTH, request);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.json();
    assertThat(body.get("id").asText()).startsWith("chatcmpl-");
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("created").asLong()).isPositive();
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    JsonNode choice = body.at("/choices/0");
    assertThat(choice.get("index").asInt()).isZero();
    assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
    String content = choice.at("/message/content").asText();
    assertThat(content).isEqualTo("This is a simulated reply from gpt-4o-mini to: Say hello to Kafka");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    int expectedPrompt = 3 + (3 + O200K.countTokens("system") + O200K.countTokens("You are terse."))
        + (3 + O200K.countTokens("user") + O200K.countTokens("Say hello to Kafka"));
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(expectedPrompt);
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(O200K.countTokens(content));
    assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(expectedPrompt + O200K.countTokens(content));
  }

  @Test
  void countsOneShortMessageAsOpenAiDocuments() throws Exception {
    // 3 per message + "user" (1) + "Hello" (1) + 3 priming the reply
    RawHttp.Reply reply = post(sim, OPENAI_CHAT_PATH, OPENAI_AUTH,
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");

    assertThat(reply.json().at("/usage/prompt_tokens").asInt()).isEqualTo(8);
  }

  @Test
  void cutsTheCompletionAtMaxTokensAndSaysLength() throws Exception {
    RawHttp.Reply reply = post(sim, OPENAI_CHAT_PATH, OPENAI_AUTH,
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");

    assertThat(reply.json().at("/choices/0/message/content").asText()).isEqualTo("This is a simulated reply");
    assertThat(reply.json().at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(reply.json().at("/usage/completion_tokens").asInt()).isEqualTo(5);
  }

  @Test
  void readsMaxCompletionTokensAndContentParts() throws Exception {
    RawHttp.Reply reply = post(sim, OPENAI_CHAT_PATH, OPENAI_AUTH, "{\"model\":\"m\",\"max_completion_tokens\":2,"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hel\"},{\"type\":\"text\",\"text\":\"lo\"}]}]}");

    assertThat(reply.json().at("/choices/0/message/content").asText()).isEqualTo("This is");
    assertThat(reply.json().at("/usage/prompt_tokens").asInt()).isEqualTo(8);
  }

  @Test
  void rejectsAMissingOrEmptyBearerKeyWith401() throws Exception {
    String request = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    RawHttp.Reply none = post(sim, OPENAI_CHAT_PATH, Map.of(), request);
    RawHttp.Reply empty = post(sim, OPENAI_CHAT_PATH, Map.of("Authorization", "Bearer "), request);

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(none.json().at("/error/message").asText()).startsWith("You didn't provide an API key");
    assertThat(empty.status()).isEqualTo(401);
  }

  @Test
  void rejectsBadBodiesWith400InOpenAisErrorShape() throws Exception {
    RawHttp.Reply noModel = post(sim, OPENAI_CHAT_PATH, OPENAI_AUTH, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    RawHttp.Reply noMessages = post(sim, OPENAI_CHAT_PATH, OPENAI_AUTH, "{\"model\":\"m\",\"messages\":[]}");
    RawHttp.Reply notJson = post(sim, OPENAI_CHAT_PATH, OPENAI_AUTH, "{model");
    RawHttp.Reply badRole = post(sim, OPENAI_CHAT_PATH, OPENAI_AUTH, "{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}");
    RawHttp.Reply badLimit = post(sim, OPENAI_CHAT_PATH, OPENAI_AUTH,
        "{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(List.of(noModel, noMessages, notJson, badRole, badLimit))
        .extracting(RawHttp.Reply::status).containsOnly(400);
    assertThat(noModel.json().at("/error/message").asText()).isEqualTo("you must provide a model parameter");
    JsonNode error = noMessages.json().get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("param").asText()).isEqualTo("messages");
    assertThat(error.get("code").asText()).isEqualTo("empty_array");
    assertThat(error.has("message")).isTrue();
    assertThat(notJson.json().at("/error/param").isNull()).isTrue();
    assertThat(badRole.json().at("/error/param").asText()).isEqualTo("messages[0].role");
    assertThat(badLimit.json().at("/error/param").asText()).isEqualTo("max_tokens");
  }

  @Test
  void answersOtherPathsUnderTheContextWith404() throws Exception {
    RawHttp.Reply reply = post(sim, OPENAI_CHAT_PATH + "/extra", OPENAI_AUTH, "{}");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
  }
}
