package dev.sluice.workers.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code multipart/form-data} body (RFC 7578), by field name: enough of the format
 * for the uploads clients send (one part per field, no nested multiparts).
 */
final class MultipartForm {

  /** One field: its name, the file name when it carries a file, and its bytes. */
  record Part(String name, String filename, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("[;\\s]name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  private final Map<String, Part> parts;

  private MultipartForm(Map<String, Part> parts) {
    this.parts = parts;
  }

  Optional<Part> part(String name) {
    return Optional.ofNullable(parts.get(name));
  }

  /** Whether {@code contentType} announces a multipart form. */
  static boolean isMultipart(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /**
   * Splits {@code body} at the boundary its content type names.
   *
   * @throws IllegalArgumentException when the content type has no boundary or the body is not a well-formed form
   */
  static MultipartForm parse(String contentType, byte[] body) {
    Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType);
    if (!boundary.find()) {
      throw new IllegalArgumentException("no boundary in Content-Type " + contentType);
    }
    String value = boundary.group(1) != null ? boundary.group(1) : boundary.group(2);
    byte[] delimiter = ("--" + value).getBytes(StandardCharsets.ISO_8859_1);
    byte[] nextDelimiter = ("\r\n--" + value).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw new IllegalArgumentException("the body never reaches the boundary " + value);
    }
    Map<String, Part> parts = new HashMap<>();
    int cursor = at + delimiter.length;
    while (!startsWith(body, cursor, new byte[] {'-', '-'})) {
      if (!startsWith(body, cursor, CRLF)) {
        throw new IllegalArgumentException("no line break after the boundary at byte " + cursor);
      }
      int start = cursor + CRLF.length;
      int end = indexOf(body, nextDelimiter, start);
      if (end < 0) {
        throw new IllegalArgumentException("the part at byte " + start + " has no closing boundary");
      }
      Part part = part(Arrays.copyOfRange(body, start, end));
      parts.putIfAbsent(part.name(), part);
      cursor = end + nextDelimiter.length;
    }
    return new MultipartForm(Map.copyOf(parts));
  }

  private static Part part(byte[] raw) {
    int headerEnd = indexOf(raw, HEADER_END, 0);
    if (headerEnd < 0) {
      throw new IllegalArgumentException("a part has no blank line after its headers");
    }
    String headers = new String(raw, 0, headerEnd, StandardCharsets.UTF_8);
    String disposition = headers.lines()
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-disposition:"))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("a part has no Content-Disposition header"));
    Matcher name = NAME.matcher(disposition);
    if (!name.find()) {
      throw new IllegalArgumentException("a part's Content-Disposition names no field: " + disposition);
    }
    Matcher filename = FILENAME.matcher(disposition);
    return new Part(name.group(1), filename.find() ? filename.group(1) : null,
        Arrays.copyOfRange(raw, headerEnd + HEADER_END.length, raw.length));
  }

  private static boolean startsWith(byte[] data, int from, byte[] prefix) {
    return from + prefix.length <= data.length
        && Arrays.equals(data, from, from + prefix.length, prefix, 0, prefix.length);
  }

  private static int indexOf(byte[] data, byte[] target, int from) {
    for (int i = from; i <= data.length - target.length; i++) {
      if (data[i] == target[0] && startsWith(data, i, target)) {
        return i;
      }
    }
    return -1;
  }
}
