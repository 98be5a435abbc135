package dev.sluice.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/** Formats a KRaft log directory once; a formatted directory keeps its cluster id forever. */
final class StorageFormatter {
  private StorageFormatter() {}

  static boolean isFormatted(Path logDir) {
    return Files.exists(logDir.resolve("meta.properties"));
  }

  /**
   * Formats {@code logDir} with a new cluster id unless it already holds {@code meta.properties}:
   * formatting again with another id would make the broker refuse to start ("Invalid cluster.id").
   */
  static void formatIfNeeded(Path logDir, Path configFile, Properties props) {
    if (isFormatted(logDir)) {
      return;
    }
    writeConfig(configFile, props);
    String clusterId = Uuid.randomUuid().toString();
    String[] args = {"format", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"};
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int rc;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      rc = StorageTool.execute(args, out);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot format Kafka log directory " + logDir + ": " + e.getMessage(), e);
    }
    if (rc != 0) {
      throw new IllegalStateException("cannot format Kafka log directory " + logDir + " (exit " + rc + "): "
          + output.toString(StandardCharsets.UTF_8).strip());
    }
  }

  private static void writeConfig(Path configFile, Properties props) {
    try (var writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
      props.store(writer, "written by EmbeddedKafkaBroker to format the log directory");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + configFile, e);
    }
  }
}
