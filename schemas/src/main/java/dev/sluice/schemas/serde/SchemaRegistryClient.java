package dev.sluice.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of the schema registry's documented REST API
 * (https://docs.confluent.io/platform/current/schema-registry/develop/api.html): registers a
 * schema under a subject and fetches schemas by id, both cached for the life of the process.
 */
public final class SchemaRegistryClient {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI baseUri;
  private final HttpClient http;
  private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  public SchemaRegistryClient(String baseUrl) {
    String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.baseUri = URI.create(trimmed);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** POST /subjects/{subject}/versions: the id of the schema, registering it when new. */
  public int register(String subject, Schema schema) {
    String cacheKey = subject + '\n' + schema.toString();
    return idsBySubjectAndSchema.computeIfAbsent(cacheKey, k -> {
      String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
      HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(baseUri.getPath() + "/subjects/" + subject + "/versions"))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", CONTENT_TYPE)
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      JsonNode answer = call(request, "register a schema under subject '" + subject + "'");
      int id = answer.path("id").asInt(-1);
      if (id < 0) {
        throw new SchemaRegistryException("schema registry at " + baseUri + " answered without an id: " + answer);
      }
      schemasById.putIfAbsent(id, schema);
      return id;
    });
  }

  /** GET /schemas/ids/{id}: the writer schema with this id. */
  public Schema schemaById(int id) {
    return schemasById.computeIfAbsent(id, k -> {
      HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(baseUri.getPath() + "/schemas/ids/" + id))
          .timeout(Duration.ofSeconds(10))
          .header("Accept", CONTENT_TYPE)
          .GET()
          .build();
      JsonNode answer = call(request, "fetch schema id " + id);
      return new Schema.Parser().parse(answer.path("schema").asText());
    });
  }

  private JsonNode call(HttpRequest request, String what) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new SchemaRegistryException("schema registry at " + baseUri + " could not " + what + ": HTTP "
            + response.statusCode() + " " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new SchemaRegistryException("schema registry at " + baseUri + " could not " + what + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while trying to " + what, e);
    }
  }
}
