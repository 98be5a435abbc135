package dev.sluice.router.cache;

/** How a cached answer matched: the same canonical request, or a question that means the same. */
public enum CacheHitKind {
  EXACT("exact"),
  SEMANTIC("semantic");

  private final String label;

  CacheHitKind(String label) {
    this.label = label;
  }

  /** As replies and ledger entries carry it. */
  public String label() {
    return label;
  }
}
