package dev.sluice.schemas.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads gateway.yaml and validates it at once. Every error names the file, the line, the path
 * ({@code routes.smart.targets[1].model}) and what is wrong; all errors are reported together.
 */
public final class GatewayConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private GatewayConfigLoader() {}

  public static GatewayConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of(file + ": cannot read: " + e.getMessage()));
    }
    return parse(text, file.toString());
  }

  /** @param source the file name used in messages */
  public static GatewayConfig parse(String yaml, String source) {
    GatewayConfig config;
    try {
      config = YAML.readValue(yaml, GatewayConfig.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, List.of(bindingProblem(source, e, new YamlLines(yaml))));
    }
    if (config == null) {
      throw new ConfigException(source, List.of(source + ": the file is empty"));
    }
    YamlLines lines = new YamlLines(yaml);
    List<String> problems = new ConfigValidator(config).problems().stream()
        .map(p -> source + ":" + lines.lineOf(p.path()) + ": " + p.path() + ": " + p.message())
        .toList();
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return config;
  }

  private static String bindingProblem(String source, JsonProcessingException e, YamlLines lines) {
    int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    if (e instanceof JsonMappingException mapping) {
      ConfigPath path = ConfigPath.ROOT;
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        path = ref.getFieldName() != null ? path.field(ref.getFieldName()) : path.index(ref.getIndex());
      }
      String what = e instanceof UnrecognizedPropertyException unknown
          ? "unknown field '" + unknown.getPropertyName() + "' (known: " + unknown.getKnownPropertyIds() + ")"
          : e.getOriginalMessage();
      // The parser's location is where binding stopped, often past the field; the path is exact.
      int pathLine = lines.lineOf(path);
      return source + ":" + (pathLine > 0 ? pathLine : line) + ": " + path + ": " + what;
    }
    return source + ":" + line + ": not valid YAML: " + e.getOriginalMessage();
  }
}
