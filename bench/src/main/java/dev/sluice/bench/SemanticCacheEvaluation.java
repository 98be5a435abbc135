package dev.sluice.bench;

import dev.sluice.router.cache.QuestionEmbedder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hit rate on paraphrases and false-hit rate on hard negatives of the semantic cache's model, for
 * similarity thresholds 0.85 to 0.98, over the labelled pairs in {@code cache-eval/pairs.tsv}
 * (domain, label, cached question, incoming question). A pair is a hit when the cosine similarity
 * of the two questions' embeddings reaches the threshold: what the router's semantic lookup decides
 * for an incoming question with one cached entry in its match group.
 */
public final class SemanticCacheEvaluation {
  private static final String PAIRS = "/cache-eval/pairs.tsv";

  record Pair(String domain, boolean paraphrase, double similarity) {}

  public static void main(String[] args) throws IOException {
    QuestionEmbedder embedder = QuestionEmbedder.shared();
    List<Pair> pairs = new ArrayList<>();
    for (String[] row : rows()) {
      pairs.add(new Pair(row[0], row[1].equals("paraphrase"), dot(embedder.embed(row[2]), embedder.embed(row[3]))));
    }
    long positives = pairs.stream().filter(Pair::paraphrase).count();
    long negatives = pairs.size() - positives;
    System.out.printf("%d pairs: %d paraphrases, %d hard negatives%n%n", pairs.size(), positives, negatives);
    System.out.println("| threshold | hit rate on paraphrases | false hits on hard negatives |");
    System.out.println("| --- | --- | --- |");
    for (int t = 85; t <= 98; t++) {
      double threshold = t / 100.0;
      long hits = pairs.stream().filter(p -> p.paraphrase && p.similarity >= threshold).count();
      long falseHits = pairs.stream().filter(p -> !p.paraphrase && p.similarity >= threshold).count();
      System.out.printf("| %.2f | %.1f%% (%d) | %.1f%% (%d) |%n", threshold, 100.0 * hits / positives, hits,
          100.0 * falseHits / negatives, falseHits);
    }
    double threshold = args.length > 0 ? Double.parseDouble(args[0]) : 0.95;
    System.out.printf("%nby domain at %.2f:%n", threshold);
    Map<String, long[]> byDomain = new TreeMap<>();
    for (Pair p : pairs) {
      long[] c = byDomain.computeIfAbsent(p.domain, d -> new long[4]);
      c[p.paraphrase ? 0 : 2]++;
      if (p.similarity >= threshold) {
        c[p.paraphrase ? 1 : 3]++;
      }
    }
    byDomain.forEach((domain, c) -> System.out.printf("  %-8s hits %d/%d, false hits %d/%d%n",
        domain, c[1], c[0], c[3], c[2]));
  }

  private static List<String[]> rows() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = SemanticCacheEvaluation.class.getResourceAsStream(PAIRS);
         BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = lines.readLine();
      if (!"domain\tlabel\tcached\tincoming".equals(header)) {
        throw new IOException(PAIRS + " must start with the header domain, label, cached, incoming, but was " + header);
      }
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] row = line.split("\t", -1);
        if (row.length != 4) {
          throw new IOException(PAIRS + ": a line must have 4 tab-separated fields, but has " + row.length + ": " + line);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
