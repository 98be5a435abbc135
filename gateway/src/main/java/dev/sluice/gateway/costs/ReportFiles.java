package dev.sluice.gateway.costs;

import dev.sluice.gateway.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Writes a report to the file the user named, replacing it; a failure is the user's to fix. */
public final class ReportFiles {
  private ReportFiles() {}

  public static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserException("cannot write --output " + file + ": its directory does not exist", e);
    } catch (AccessDeniedException e) {
      throw new UserException("cannot write --output " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new UserException("cannot write --output " + file + ": " + e.getMessage(), e);
    }
  }
}
