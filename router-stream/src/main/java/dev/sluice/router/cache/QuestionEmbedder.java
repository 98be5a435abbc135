package dev.sluice.router.cache;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Turns a question into a unit vector with all-MiniLM-L6-v2 (quantised), run in process by ONNX
 * Runtime: no network, about 3 ms per short text on one core. Thread-safe; one per JVM is enough:
 * {@link #shared()} is that one, and it loads the model (23 MB) on its first {@link #embed}, so a
 * gateway without semantic caching never loads it.
 */
public final class QuestionEmbedder {
  public static final int DIMENSIONS = 384;

  private static final QuestionEmbedder SHARED = new QuestionEmbedder();

  private volatile EmbeddingModel model;

  private QuestionEmbedder() {}

  public static QuestionEmbedder shared() {
    return SHARED;
  }

  private EmbeddingModel model() {
    EmbeddingModel loaded = model;
    if (loaded == null) {
      synchronized (this) {
        if (model == null) {
          // The caller's thread runs the model: a stream thread must not hand its work to a pool it waits for.
          model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        }
        loaded = model;
      }
    }
    return loaded;
  }

  /** The text's embedding, scaled to length 1 so that a dot product is the cosine similarity. */
  public float[] embed(String text) {
    float[] vector = model().embed(text).content().vector();
    if (vector.length != DIMENSIONS) {
      throw new IllegalStateException("the model returned " + vector.length + " dimensions, not " + DIMENSIONS);
    }
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    float scale = norm == 0 ? 1 : (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= scale;
    }
    return vector;
  }
}
