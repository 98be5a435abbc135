package dev.sluice.schemas.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** The line of every value in a YAML document, by JSON pointer, for error messages. */
final class YamlLines {
  private final Map<JsonPointer, Integer> lines = new HashMap<>();

  YamlLines(String yaml) {
    try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          // The pointer of a field name is the pointer of its value.
          lines.putIfAbsent(parser.getParsingContext().pathAsPointer(), parser.currentLocation().getLineNr());
        } else if (token.isScalarValue() || token.isStructStart()) {
          lines.putIfAbsent(parser.getParsingContext().pathAsPointer(), parser.currentTokenLocation().getLineNr());
          if (token.isStructStart()) {
            JsonPointer parentPointer = parser.getParsingContext().getParent() == null
                ? JsonPointer.empty() : parser.getParsingContext().getParent().pathAsPointer();
            lines.putIfAbsent(parentPointer, parser.currentTokenLocation().getLineNr());
          }
        }
      }
    } catch (IOException e) {
      // Unparseable YAML is reported by the binder with its own location.
    }
  }

  /** The line of the path, or of its nearest ancestor that is in the file; 0 if none. */
  int lineOf(ConfigPath path) {
    ConfigPath at = path;
    while (true) {
      Integer line = lines.get(at.pointer());
      if (line != null) {
        return line;
      }
      if (at.segments().isEmpty()) {
        return 0;
      }
      at = at.parent();
    }
  }
}
