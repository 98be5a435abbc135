package dev.sluice.bench;

import dev.sluice.router.cache.QuestionEmbedder;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * How long the in-process model takes to embed one question, on the calling thread: every
 * question of the evaluation set ({@code cache-eval/pairs.tsv}, both columns), after a warm-up pass
 * over the same questions. Prints p50, p99 and max, and questions per second on one thread (one core).
 */
public final class EmbeddingBenchmark {
  public static void main(String[] args) {
    List<String> questions = EvaluationPair.questions();
    QuestionEmbedder embedder = QuestionEmbedder.shared();
    questions.forEach(embedder::embed);
    Histogram micros = new Histogram(3);
    long start = System.nanoTime();
    for (String question : questions) {
      long t = System.nanoTime();
      embedder.embed(question);
      micros.recordValue((System.nanoTime() - t) / 1_000);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d questions: p50 %.2f ms, p99 %.2f ms, max %.2f ms; %.0f questions/s on one thread%n",
        questions.size(), micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
        micros.getMaxValue() / 1000.0, questions.size() / seconds);
  }
}
