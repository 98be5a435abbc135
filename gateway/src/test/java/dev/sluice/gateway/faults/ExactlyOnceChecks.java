package dev.sluice.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.LlmReply;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The promises a crash must not break: one reply per request, one ledger entry per billed attempt. */
final class ExactlyOnceChecks {
  private ExactlyOnceChecks() {}

  static void assertOneReplyEach(List<LlmReply> replies, List<String> ids) {
    Map<String, Long> perId = replies.stream().collect(Collectors.groupingBy(LlmReply::getRequestId, Collectors.counting()));
    assertThat(perId.keySet()).as("request ids answered").containsExactlyInAnyOrderElementsOf(ids);
    assertThat(perId.values()).as("replies per request id").containsOnly(1L);
  }

  static void assertOneLedgerEntryPerBilledAttempt(List<LlmReply> replies, List<CostLedgerEntry> ledger) {
    assertThat(ledger).as("ledger entries").hasSize(Replies.billedAttempts(replies).size());
    assertThat(ledger.stream().map(CostLedgerEntry::getEntryId).distinct().count()).as("distinct entry ids").isEqualTo(ledger.size());
    Map<String, Long> charged = ledger.stream()
        .collect(Collectors.groupingBy(CostLedgerEntry::getRequestId, Collectors.summingLong(CostLedgerEntry::getCostMicros)));
    Map<String, Long> replied = replies.stream().filter(r -> r.getCostMicros() > 0)
        .collect(Collectors.toMap(LlmReply::getRequestId, LlmReply::getCostMicros));
    assertThat(charged).as("ledger cost per request equals the reply's cost").isEqualTo(replied);
  }

  static Map<String, LlmReply> byId(List<LlmReply> replies) {
    return replies.stream().collect(Collectors.toMap(LlmReply::getRequestId, Function.identity()));
  }
}
