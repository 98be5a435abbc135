package dev.sluice.router.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.VectorUtil;

/**
 * The in-memory vector index of one router task's semantic-cache entries: one Lucene index per
 * tenant namespace, so that no search can see another tenant's vectors, and dropping a namespace
 * frees all of its memory. Within a namespace, only entries of the same group (a hash of route,
 * system prompt and output-changing parameters) may match; the group is a filter the HNSW search
 * applies while it walks the graph, not after it.
 *
 * <p>How each namespace's index is set up, and why:
 *
 * <ul>
 *   <li>A {@code ByteBuffersDirectory}: the index lives in memory for as long as its task, and
 *       nothing of it needs to reach disk.
 *   <li>A 4 MB indexing buffer instead of Lucene's 16 MB: there may be 1,000 namespaces, and a
 *       lookup after a put flushes the buffer anyway; 4 MB still holds about 2,000 384-d vectors
 *       while the index is being rebuilt.
 *   <li>No compound files: in memory they would only copy every segment once more.
 *   <li>A tiered merge policy with 4 segments per tier (Lucene's default is 8): a lookup searches
 *       each segment's graph, so fewer segments make lookups faster, for more merging.
 *   <li>Lucene's concurrent merge scheduler, and no waiting for merges when a searcher is
 *       reopened (Lucene waits up to 500 ms by default): merges run on Lucene's own threads, so a
 *       lookup after a put pays for flushing the new entries, not for merging them.
 *   <li>{@code DOT_PRODUCT} on unit vectors, which is the cosine without the norms; a vector not of
 *       unit length is normalised (as a copy) first. Lucene scores it as (1 + cos) / 2, which is
 *       turned back into the cosine for {@link Match}.
 *   <li>A searcher reopened only when the namespace changed since its last lookup, so a put is seen
 *       by the next lookup and lookups without puts in between cost no reopening.
 * </ul>
 *
 * <p>One per task and used by its stream thread only, but every method holds the index's lock, so
 * {@link #close()} may come from another thread; it waits for the call under way, and every later
 * call other than {@code close()} throws {@link IllegalStateException}.
 */
public final class SemanticIndex implements AutoCloseable {
  private final int dimensions;
  private final Map<String, NamespaceIndex> indexes = new HashMap<>();
  private boolean closed;

  /**
   * @param dimensions the length of every vector put or looked up, e.g. 384 for all-MiniLM
   */
  public SemanticIndex(int dimensions) {
    if (dimensions < 1 || dimensions > KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "A semantic index takes 1 to " + KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS
              + " dimensions, not " + dimensions);
    }
    this.dimensions = dimensions;
  }

  /** Adds the entry to the namespace, or replaces the namespace's entry with this id. */
  public synchronized void put(String namespace, String group, String entryId, float[] vector) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(entryId, "entryId");
    float[] unitVector = unitVector(namespace, vector);
    ensureOpen();
    try {
      NamespaceIndex index = indexes.get(namespace);
      if (index == null) {
        index = NamespaceIndex.open();
        indexes.put(namespace, index);
      }
      index.put(group, entryId, unitVector);
    } catch (IOException e) {
      throw failure(namespace, "put entry " + entryId, e);
    }
  }

  /** Removes the namespace's entry with this id, if there is one. */
  public synchronized void remove(String namespace, String entryId) {
    Objects.requireNonNull(entryId, "entryId");
    NamespaceIndex index = index(namespace);
    if (index == null) {
      return;
    }
    try {
      index.remove(entryId);
    } catch (IOException e) {
      throw failure(namespace, "remove entry " + entryId, e);
    }
  }

  /** Drops the namespace's index and everything in it, if there is one. */
  public synchronized void removeNamespace(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    ensureOpen();
    NamespaceIndex index = indexes.remove(namespace);
    if (index == null) {
      return;
    }
    try {
      index.close();
    } catch (IOException e) {
      throw failure(namespace, "close its index", e);
    }
  }

  /**
   * The namespace's entry of this group most similar to the vector, if its cosine similarity is at
   * least {@code minSimilarity}.
   */
  public synchronized Optional<Match> nearest(
      String namespace, String group, float[] vector, float minSimilarity) {
    Objects.requireNonNull(group, "group");
    float[] unitVector = unitVector(namespace, vector);
    NamespaceIndex index = index(namespace);
    if (index == null) {
      return Optional.empty();
    }
    try {
      return index.nearest(group, unitVector, minSimilarity);
    } catch (IOException e) {
      throw failure(namespace, "search group " + group, e);
    }
  }

  /** How many entries the namespace holds. */
  public synchronized int size(String namespace) {
    NamespaceIndex index = index(namespace);
    if (index == null) {
      return 0;
    }
    try {
      return index.size();
    } catch (IOException e) {
      throw failure(namespace, "count its entries", e);
    }
  }

  /** How many namespaces have an index: those with a put since they were last dropped. */
  public synchronized int namespaces() {
    ensureOpen();
    return indexes.size();
  }

  /** Closes every namespace's index; closing again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      IOUtils.close(indexes.values());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not close the semantic index of " + indexes.size() + " namespaces", e);
    } finally {
      indexes.clear();
    }
  }

  /** An entry found by {@link #nearest}, with its cosine similarity to the vector, in [-1, 1]. */
  public record Match(String entryId, float similarity) {}

  private NamespaceIndex index(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    ensureOpen();
    return indexes.get(namespace);
  }

  private float[] unitVector(String namespace, float[] vector) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(vector, "vector");
    if (vector.length != dimensions) {
      throw new IllegalArgumentException(
          "Vector for namespace " + namespace + " has " + vector.length
              + " dimensions, but this index holds " + dimensions + "-dimensional vectors");
    }
    if (VectorUtil.isUnitVector(vector)) {
      return vector;
    }
    try {
      return VectorUtil.l2normalize(VectorUtil.checkFinite(vector.clone()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Vector for namespace " + namespace + " cannot be normalised: " + e.getMessage(), e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The semantic index is closed");
    }
  }

  private static UncheckedIOException failure(String namespace, String action, IOException e) {
    return new UncheckedIOException(
        "Semantic index of namespace " + namespace + " could not " + action, e);
  }
}
