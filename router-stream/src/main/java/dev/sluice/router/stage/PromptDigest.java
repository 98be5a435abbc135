package dev.sluice.router.stage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.schemas.Sha256;
import dev.sluice.schemas.avro.ChatMessage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The hash and size of a request's messages: audit events and dispatch items carry these
 * instead of the text.
 *
 * <p>The hash is the SHA-256 of a canonical form: a compact JSON array of
 * {@code {"role":..,"content":..,"name":..}} objects in that field order, {@code name} left out
 * when absent. The same messages therefore hash the same whether they arrived as Avro or as a
 * JSON batch line.
 *
 * @param sha256 lower-case hex SHA-256 of the canonical form
 * @param chars Unicode code points over the contents of all messages
 */
public record PromptDigest(String sha256, int chars) {
  private static final JsonFactory JSON = new JsonFactory();

  public static PromptDigest of(List<ChatMessage> messages) {
    StringWriter canonical = new StringWriter();
    long chars = 0;
    try (JsonGenerator json = JSON.createGenerator(canonical)) {
      json.writeStartArray();
      for (ChatMessage m : messages) {
        json.writeStartObject();
        json.writeStringField("role", m.getRole());
        json.writeStringField("content", m.getContent());
        if (m.getName() != null) {
          json.writeStringField("name", m.getName());
        }
        json.writeEndObject();
        chars += m.getContent().codePointCount(0, m.getContent().length());
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a StringWriter cannot fail", e);
    }
    return new PromptDigest(Sha256.hex(canonical.toString()), (int) Math.min(chars, Integer.MAX_VALUE));
  }
}
