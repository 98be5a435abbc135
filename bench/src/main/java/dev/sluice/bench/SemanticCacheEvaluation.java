package dev.sluice.bench;

import dev.sluice.router.cache.QuestionEmbedder;
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
  record Pair(String domain, boolean paraphrase, double similarity) {}

  public static void main(String[] args) {
    QuestionEmbedder embedder = QuestionEmbedder.shared();
    List<Pair> pairs = new ArrayList<>();
    for (EvaluationPair pair : EvaluationPair.all()) {
      pairs.add(new Pair(pair.domain(), pair.paraphrase(), dot(embedder.embed(pair.cached()), embedder.embed(pair.incoming()))));
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

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
