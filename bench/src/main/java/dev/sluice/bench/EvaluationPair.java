package dev.sluice.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One labelled question pair of {@code cache-eval/pairs.tsv}: domain, label ({@code paraphrase}
 * or {@code different}), the cached question and the incoming one.
 */
record EvaluationPair(String domain, boolean paraphrase, String cached, String incoming) {
  private static final String RESOURCE = "/cache-eval/pairs.tsv";

  /** Every pair, in file order. */
  static List<EvaluationPair> all() {
    List<EvaluationPair> pairs = new ArrayList<>();
    try (InputStream in = EvaluationPair.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = lines.readLine();
      if (!"domain\tlabel\tcached\tincoming".equals(header)) {
        throw new IllegalStateException(RESOURCE + " must start with the header domain, label, cached, incoming, but was "
            + header);
      }
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] row = line.split("\t", -1);
        if (row.length != 4) {
          throw new IllegalStateException(RESOURCE + ": a line must have 4 tab-separated fields, but has " + row.length
              + ": " + line);
        }
        pairs.add(new EvaluationPair(row[0], row[1].equals("paraphrase"), row[2], row[3]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return pairs;
  }

  /** Both questions of every pair, in file order (1,520 texts, some repeated). */
  static List<String> questions() {
    return all().stream().flatMap(pair -> java.util.stream.Stream.of(pair.cached, pair.incoming)).toList();
  }

  /** The distinct cached questions, in file order. */
  static List<String> distinctCachedQuestions() {
    return all().stream().map(EvaluationPair::cached).distinct().toList();
  }
}
