package dev.sluice.gateway.faults;

import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.LlmReply;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Counting what fault tests assert on. */
final class Replies {
  private Replies() {}

  static List<String> ids(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
  }

  /** The ids and the one {@link FaultCluster#awaitServing} sends first. */
  static List<String> withWarmUp(List<String> ids) {
    return Stream.concat(Stream.of(FaultCluster.WARM_UP_ID), ids.stream()).toList();
  }

  static long distinctIds(TopicTail<LlmReply> replies) {
    return replies.values().stream().map(LlmReply::getRequestId).distinct().count();
  }

  static List<Attempt> billedAttempts(List<LlmReply> replies) {
    return replies.stream().flatMap(r -> r.getAttempts().stream()).filter(Attempt::getBilled).toList();
  }

  static long attemptsAt(LlmReply reply, String provider) {
    return reply.getAttempts().stream().filter(a -> a.getProvider().equals(provider)).count();
  }
}
