package dev.sluice.router;

/**
 * Knows which topics exist, so the router never produces a reply to a topic that does not: with
 * broker auto-creation off, such a send would stall the producer and the stream thread with it.
 *
 * <p>Called on the stream thread for every request that names its own reply topic, so an
 * implementation must answer from memory and never wait on the broker for long.
 */
@FunctionalInterface
public interface ReplyTopicDirectory {
  /** Whether a topic of this name exists (as far as the directory knows now). */
  boolean exists(String topic);
}
