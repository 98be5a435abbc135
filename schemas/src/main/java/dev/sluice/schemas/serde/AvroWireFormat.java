package dev.sluice.schemas.serde;

/** Tells the encodings accepted on our topics apart by their first bytes. */
public enum AvroWireFormat {
  /** Confluent wire format: magic byte 0, 4-byte big-endian schema id, Avro binary. */
  SCHEMA_REGISTRY,
  /** Avro single-object encoding: C3 01, 8-byte CRC-64-AVRO fingerprint, Avro binary. */
  SINGLE_OBJECT,
  /** A JSON document (only accepted on llm.requests, as an OpenAI batch-input line). */
  JSON,
  UNKNOWN;

  public static AvroWireFormat detect(byte[] data) {
    if (data == null || data.length == 0) {
      return UNKNOWN;
    }
    if (data[0] == 0 && data.length >= 5) {
      return SCHEMA_REGISTRY;
    }
    if (data.length >= 10 && (data[0] & 0xFF) == 0xC3 && data[1] == 0x01) {
      return SINGLE_OBJECT;
    }
    for (byte b : data) {
      if (b == '{') {
        return JSON;
      }
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && (b & 0xFF) != 0xEF && (b & 0xFF) != 0xBB
          && (b & 0xFF) != 0xBF) {
        return UNKNOWN;
      }
    }
    return UNKNOWN;
  }

  /** The first bytes as hex, for error messages. */
  static String preview(byte[] data) {
    if (data == null) {
      return "null";
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(8, data.length); i++) {
      hex.append(String.format("%02x", data[i]));
    }
    return hex + (data.length > 8 ? "..." : "") + " (" + data.length + " bytes)";
  }
}
