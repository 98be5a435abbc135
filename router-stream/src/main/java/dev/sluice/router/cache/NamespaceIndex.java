package dev.sluice.router.cache;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * One namespace's Lucene index: its own in-memory directory, writer and near-real-time searcher,
 * configured as {@link SemanticIndex} explains. Takes unit vectors only; not thread-safe (the
 * {@link SemanticIndex} holding it serialises all calls).
 */
final class NamespaceIndex implements Closeable {
  private static final String ID = "id";
  private static final String GROUP = "group";
  private static final String VECTOR = "vector";
  /** HNSW beam per segment: ten candidates find the best one far more reliably than one. */
  private static final int CANDIDATES = 10;
  private static final double RAM_BUFFER_MB = 4;
  private static final double SEGMENTS_PER_TIER = 4;

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private boolean changed;

  private NamespaceIndex(Directory directory, IndexWriter writer, SearcherManager searchers) {
    this.directory = directory;
    this.writer = writer;
    this.searchers = searchers;
  }

  static NamespaceIndex open() throws IOException {
    Directory directory = new ByteBuffersDirectory();
    IndexWriter writer = null;
    try {
      writer = new IndexWriter(directory, config());
      return new NamespaceIndex(directory, writer, new SearcherManager(writer, true, false, null));
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileSuppressingExceptions(e, writer, directory);
      throw e;
    }
  }

  private static IndexWriterConfig config() {
    TieredMergePolicy merges = new TieredMergePolicy();
    merges.setSegmentsPerTier(SEGMENTS_PER_TIER);
    merges.setNoCFSRatio(0.0);
    return new IndexWriterConfig()
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setRAMBufferSizeMB(RAM_BUFFER_MB)
        .setUseCompoundFile(false)
        .setMergePolicy(merges)
        .setMaxFullFlushMergeWaitMillis(0)
        .setCommitOnClose(false);
  }

  void put(String group, String entryId, float[] unitVector) throws IOException {
    Document entry = new Document();
    entry.add(new StringField(ID, entryId, Field.Store.NO));
    entry.add(new BinaryDocValuesField(ID, new BytesRef(entryId)));
    entry.add(new StringField(GROUP, group, Field.Store.NO));
    entry.add(new KnnFloatVectorField(VECTOR, unitVector, VectorSimilarityFunction.DOT_PRODUCT));
    writer.updateDocument(new Term(ID, entryId), entry);
    changed = true;
  }

  void remove(String entryId) throws IOException {
    writer.deleteDocuments(new Term(ID, entryId));
    changed = true;
  }

  Optional<SemanticIndex.Match> nearest(String group, float[] unitVector, float minSimilarity)
      throws IOException {
    IndexSearcher searcher = acquire();
    try {
      TermQuery sameGroup = new TermQuery(new Term(GROUP, group));
      ScoreDoc[] best =
          searcher.search(new KnnFloatVectorQuery(VECTOR, unitVector, CANDIDATES, sameGroup), 1)
              .scoreDocs;
      if (best.length == 0) {
        return Optional.empty();
      }
      float similarity = cosine(best[0].score);
      if (similarity < minSimilarity) {
        return Optional.empty();
      }
      return Optional.of(new SemanticIndex.Match(entryId(searcher, best[0].doc), similarity));
    } finally {
      searchers.release(searcher);
    }
  }

  int size() throws IOException {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      searchers.release(searcher);
    }
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(searchers, writer, directory);
  }

  /** Lucene scores DOT_PRODUCT as (1 + cos) / 2; the clamp absorbs rounding just past 1. */
  static float cosine(float score) {
    return Math.min(1f, 2f * score - 1f);
  }

  /** The current searcher, reopened first only if entries were put or removed since the last. */
  private IndexSearcher acquire() throws IOException {
    if (changed) {
      searchers.maybeRefreshBlocking();
      changed = false;
    }
    return searchers.acquire();
  }

  private static String entryId(IndexSearcher searcher, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    BinaryDocValues ids = DocValues.getBinary(leaf.reader(), ID);
    if (!ids.advanceExact(doc - leaf.docBase)) {
      throw new IllegalStateException("Matched document " + doc + " has no entry id");
    }
    return ids.binaryValue().utf8ToString();
  }
}
