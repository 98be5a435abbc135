package dev.sluice.workers.simulator;

import java.util.Map;

/**
 * The provider calls a simulator received since start or the last reset, so that tests can
 * count them exactly. A call is counted when it arrives; its status when its response is decided,
 * before any of it is sent.
 *
 * @param total    every call to a provider path
 * @param byPath   calls per provider path
 * @param byKey    calls per API key, by {@link KeyLabel}
 * @param byStatus calls per HTTP status sent; {@value #NO_RESPONSE} for calls dropped without one
 */
public record CallCounters(long total, Map<String, Long> byPath, Map<String, Long> byKey, Map<Integer, Long> byStatus) {

  /** The status under which calls answered with no response at all (hang, disconnect) are counted. */
  public static final int NO_RESPONSE = 0;

  public CallCounters {
    byPath = Map.copyOf(byPath);
    byKey = Map.copyOf(byKey);
    byStatus = Map.copyOf(byStatus);
  }

  /** Calls made with {@code apiKey} (null: calls without a key). */
  public long withKey(String apiKey) {
    return byKey.getOrDefault(KeyLabel.of(apiKey), 0L);
  }

  public long withStatus(int status) {
    return byStatus.getOrDefault(status, 0L);
  }

  public long onPath(String path) {
    return byPath.getOrDefault(path, 0L);
  }
}
