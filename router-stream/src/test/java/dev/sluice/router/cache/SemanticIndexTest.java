package dev.sluice.router.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SemanticIndexTest {
  private static final float[] A = {1, 0, 0, 0};
  private static final float[] B = {0.8f, 0.6f, 0, 0};
  private static final float[] C = {0, 1, 0, 0};
  /** cos(Q, A) = 0.6, cos(Q, B) = 0.96, cos(Q, C) = 0.8. */
  private static final float[] Q = {0.6f, 0.8f, 0, 0};
  private static final float[] MINUS_A = {-1, 0, 0, 0};

  private final SemanticIndex index = new SemanticIndex(4);

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void theNearestEntryAboveTheThresholdComesWithItsCosineSimilarity() {
    putAll("acme", "g", A, B, C);

    assertMatch(index.nearest("acme", "g", Q, 0.9f), "B", 0.96f);
    assertMatch(index.nearest("acme", "g", A, 0.5f), "A", 1f);
    assertThat(index.nearest("acme", "g", Q, 0.97f)).isEmpty();
  }

  @Test
  void theSimilarityIsTheCosineNotLucenesScore() {
    index.put("acme", "g", "A", A);
    assertMatch(index.nearest("acme", "g", MINUS_A, -1f), "A", -1f);
    assertThat(index.nearest("acme", "g", MINUS_A, -0.5f)).isEmpty();

    index.put("acme", "g", "C", C);
    assertMatch(index.nearest("acme", "g", MINUS_A, -1f), "C", 0f);
  }

  @Test
  void vectorsNotOfUnitLengthAreComparedByDirection() {
    index.put("acme", "g", "long", new float[] {2, 0, 0, 0});

    assertMatch(index.nearest("acme", "g", new float[] {3, 3, 0, 0}, 0.7f), "long", 0.70710677f);
    assertThatThrownBy(() -> index.nearest("acme", "g", new float[4], 0f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acme");
  }

  @Test
  void anotherGroupNeverMatchesEvenWithTheSameVector() {
    index.put("acme", "route-a", "A", A);
    assertThat(index.nearest("acme", "route-b", A, -1f)).isEmpty();

    index.put("acme", "route-b", "B", B);
    assertMatch(index.nearest("acme", "route-b", A, -1f), "B", 0.8f);
    assertMatch(index.nearest("acme", "route-a", B, -1f), "A", 0.8f);
  }

  @Test
  void anotherNamespaceNeverMatchesEvenWithTheSameGroupAndVector() {
    index.put("tenant-a", "g", "e1", A);
    assertThat(index.nearest("tenant-b", "g", A, -1f)).isEmpty();

    index.put("tenant-b", "g", "e2", C);
    assertMatch(index.nearest("tenant-b", "g", A, -1f), "e2", 0f);

    index.put("tenant-b", "g", "e1", C);
    index.remove("tenant-b", "e1");
    assertMatch(index.nearest("tenant-a", "g", A, 0.99f), "e1", 1f);
  }

  @Test
  void aPutWithTheSameIdReplacesTheEntry() {
    index.put("acme", "g", "e1", A);
    index.put("acme", "g", "e1", C);

    assertThat(index.size("acme")).isEqualTo(1);
    assertThat(index.nearest("acme", "g", A, 0.5f)).isEmpty();
    assertMatch(index.nearest("acme", "g", C, 0.99f), "e1", 1f);

    index.put("acme", "other", "e1", C);
    assertThat(index.nearest("acme", "g", C, -1f)).isEmpty();
    assertThat(index.size("acme")).isEqualTo(1);
  }

  @Test
  void removeDeletesOneEntry() {
    index.put("acme", "g", "A", A);
    index.put("acme", "g", "B", B);

    index.remove("acme", "B");
    assertThat(index.size("acme")).isEqualTo(1);
    assertMatch(index.nearest("acme", "g", B, -1f), "A", 0.8f);

    index.remove("acme", "absent");
    index.remove("nobody", "A");
    assertThat(index.namespaces()).isEqualTo(1);

    index.remove("acme", "A");
    assertThat(index.size("acme")).isZero();
    assertThat(index.nearest("acme", "g", A, -1f)).isEmpty();
  }

  @Test
  void removeNamespaceDropsItsWholeIndex() {
    putAll("tenant-a", "g", A, B);
    putAll("tenant-b", "g", A);
    assertThat(index.namespaces()).isEqualTo(2);

    index.removeNamespace("tenant-a");
    index.removeNamespace("nobody");

    assertThat(index.namespaces()).isEqualTo(1);
    assertThat(index.size("tenant-a")).isZero();
    assertThat(index.nearest("tenant-a", "g", A, -1f)).isEmpty();
    assertMatch(index.nearest("tenant-b", "g", A, 0.99f), "A", 1f);

    index.put("tenant-a", "g", "C", C);
    assertThat(index.size("tenant-a")).isEqualTo(1);
    assertMatch(index.nearest("tenant-a", "g", A, -1f), "C", 0f);
  }

  @Test
  void aPutIsSeenByTheVeryNextLookup() {
    index.put("acme", "g", "A", A);
    assertMatch(index.nearest("acme", "g", C, -1f), "A", 0f);

    index.put("acme", "g", "C", C);
    assertMatch(index.nearest("acme", "g", C, 0.99f), "C", 1f);

    index.remove("acme", "C");
    assertThat(index.nearest("acme", "g", C, 0.99f)).isEmpty();
  }

  @Test
  void manyInterleavedPutsAndLookupsStayCorrect() {
    SemanticIndex wide = new SemanticIndex(8);
    Random random = new Random(7);
    Map<String, float[]> vectors = new HashMap<>();
    Map<String, String> groups = new HashMap<>();
    try (wide) {
      for (int i = 0; i < 500; i++) {
        String id = "e" + random.nextInt(150);
        String group = "g" + random.nextInt(2);
        float[] vector = unitVector(random, 8);
        wide.put("acme", group, id, vector);
        vectors.put(id, vector);
        groups.put(id, group);
        assertMatch(wide.nearest("acme", group, vector, 0.999f), id, 1f);

        if (i % 7 == 6) {
          String gone = new ArrayList<>(vectors.keySet()).get(random.nextInt(vectors.size()));
          float[] goneVector = vectors.remove(gone);
          wide.remove("acme", gone);
          assertThat(wide.nearest("acme", groups.get(gone), goneVector, 0.999f)).isEmpty();
        }
        assertThat(wide.size("acme")).isEqualTo(vectors.size());
      }
      vectors.forEach(
          (id, vector) -> assertMatch(wide.nearest("acme", groups.get(id), vector, 0.999f), id, 1f));
    }
  }

  @Test
  void aVectorOfAnotherLengthIsRefused() {
    assertThatThrownBy(() -> index.put("acme", "g", "e1", new float[] {1, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 3 dimensions")
        .hasMessageContaining("holds 4-dimensional");
    assertThatThrownBy(() -> index.nearest("acme", "g", new float[5], 0f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 5 dimensions");
    assertThat(index.namespaces()).isZero();
  }

  @Test
  void eachOf2000StoredVectorsIn3GroupsFindsItself() {
    SemanticIndex wide = new SemanticIndex(32);
    Random random = new Random(42);
    List<float[]> vectors = new ArrayList<>();
    try (wide) {
      for (int i = 0; i < 2_000; i++) {
        vectors.add(unitVector(random, 32));
        wide.put("acme", "g" + i % 3, "e" + i, vectors.get(i));
      }
      assertThat(wide.size("acme")).isEqualTo(2_000);
      for (int i = 0; i < vectors.size(); i++) {
        assertMatch(wide.nearest("acme", "g" + i % 3, vectors.get(i), 0.99f), "e" + i, 1f);
      }
    }
  }

  @Test
  void anIndexClosedFromAnotherThreadRefusesFurtherCalls() throws InterruptedException {
    index.put("acme", "g", "A", A);

    Thread closer = new Thread(index::close);
    closer.start();
    closer.join();

    assertThatThrownBy(() -> index.nearest("acme", "g", A, 0f))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> index.put("acme", "g", "B", B))
        .isInstanceOf(IllegalStateException.class);
  }

  private void putAll(String namespace, String group, float[]... vectors) {
    for (float[] vector : vectors) {
      index.put(namespace, group, name(vector), vector);
    }
  }

  private static String name(float[] vector) {
    return vector == A ? "A" : vector == B ? "B" : vector == C ? "C" : "?";
  }

  private static void assertMatch(
      Optional<SemanticIndex.Match> match, String entryId, float similarity) {
    assertThat(match).isPresent();
    assertThat(match.get().entryId()).isEqualTo(entryId);
    assertThat(match.get().similarity()).isCloseTo(similarity, within(1e-5f));
  }

  private static float[] unitVector(Random random, int dimensions) {
    float[] vector = new float[dimensions];
    double norm = 0;
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (float) random.nextGaussian();
      norm += vector[i] * vector[i];
    }
    for (int i = 0; i < dimensions; i++) {
      vector[i] /= (float) Math.sqrt(norm);
    }
    return vector;
  }
}
