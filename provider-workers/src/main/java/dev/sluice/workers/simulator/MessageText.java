package dev.sluice.workers.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text of a message's content, which both APIs accept as a string or as an array of content
 * blocks ({@code {"type":"text","text":...}}); non-text blocks (images, tool results) carry no text.
 */
final class MessageText {

  private MessageText() {}

  /** OpenAI content; null content (an assistant turn that only called tools) has no text. */
  static String openAi(JsonNode content) {
    return content == null || content.isNull() ? "" : of(content);
  }

  /**
   * The text of string or block-array content.
   *
   * @return null when the content is neither a string nor an array
   */
  static String of(JsonNode content) {
    if (content == null) {
      return null;
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asText())) {
        text.append(block.path("text").asText());
      }
    }
    return text.toString();
  }
}
