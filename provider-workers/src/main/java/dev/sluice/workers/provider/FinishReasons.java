package dev.sluice.workers.provider;

/** The finish reasons of our contract (OpenAI's vocabulary); adapters map their provider's onto these. */
public final class FinishReasons {
  public static final String STOP = "stop";
  public static final String LENGTH = "length";
  public static final String TOOL_CALLS = "tool_calls";
  public static final String CONTENT_FILTER = "content_filter";

  private FinishReasons() {}
}
