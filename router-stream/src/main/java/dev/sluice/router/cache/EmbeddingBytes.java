package dev.sluice.router.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** An embedding as it is stored in Avro {@code bytes} fields: float32, little-endian. */
public final class EmbeddingBytes {
  private EmbeddingBytes() {}

  public static ByteBuffer of(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    return bytes;
  }

  /** The vector; null for null. Does not move the buffer's position. */
  public static float[] vector(ByteBuffer bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.remaining() % Float.BYTES != 0) {
      throw new IllegalArgumentException("an embedding is float32s, but has " + bytes.remaining() + " bytes");
    }
    float[] vector = new float[bytes.remaining() / Float.BYTES];
    bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
