package dev.sluice.workers.provider.batch;

/**
 * What one provider batch job may hold.
 *
 * @param maxRequests lines per job (OpenAI 50,000; Anthropic 100,000)
 * @param maxBytes bytes of the job's request body or input file (OpenAI 200 MB; Anthropic 256 MB)
 */
public record BatchLimits(int maxRequests, long maxBytes) {
  public static final BatchLimits OPENAI = new BatchLimits(50_000, 200L * 1024 * 1024);
  public static final BatchLimits ANTHROPIC = new BatchLimits(100_000, 256L * 1024 * 1024);

  public BatchLimits {
    if (maxRequests <= 0) {
      throw new IllegalArgumentException("maxRequests must be > 0, but was " + maxRequests);
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be > 0, but was " + maxBytes);
    }
  }
}
