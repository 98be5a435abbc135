package dev.sluice.workers.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.TestConfigs;
import dev.sluice.schemas.avro.BatchJob;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.money.Prices;
import dev.sluice.workers.dispatch.DispatchItems;
import dev.sluice.workers.dispatch.OutcomeSettler;
import dev.sluice.workers.dispatch.ProviderRegistry;
import dev.sluice.workers.dispatch.ProviderSecrets;
import dev.sluice.workers.dispatch.Settlement;
import dev.sluice.workers.provider.ChatCompletion;
import dev.sluice.workers.provider.ProviderAdapterFactory;
import dev.sluice.workers.provider.batch.BatchItemResult;
import dev.sluice.workers.provider.batch.BatchState;
import dev.sluice.workers.provider.batch.BatchStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchResultSettlerTest {
  private static final Instant NOW = DispatchItems.RECEIVED.plusSeconds(600);
  private final ProviderRegistry providers = new ProviderRegistry(
      TestConfigs.testGateway(), ProviderSecrets.of(TestConfigs.PROVIDER_KEYS), new ProviderAdapterFactory());
  private final BatchResultSettler settler = new BatchResultSettler(
      new OutcomeSettler(providers, Clock.fixed(NOW, ZoneOffset.UTC)), Clock.fixed(NOW, ZoneOffset.UTC));

  private static BatchJob job(List<DispatchItem> items) {
    return BatchJobRecords.submitted("job-1", "openai", "gpt-4o", "acme", "0", "default", items,
        new BatchStatus("batch_1", BatchState.ENDED, items.size(), 0, 0, null, null), DispatchItems.RECEIVED);
  }

  @Test
  void anAnswerIsChargedAtTheBatchPriceWithItsDiscountAndMappedByLine() {
    List<DispatchItem> items = List.of(DispatchItems.smart("a"), DispatchItems.smart("b"));
    ChatCompletion answer = new ChatCompletion("answer b", "stop", 1_000, 500, 200, "gpt-4o");

    List<Settlement> settled = settler.settle(job(items), List.of(new BatchItemResult.Succeeded("i1", answer),
        new BatchItemResult.Succeeded("i0", new ChatCompletion("answer a", "stop", 10, 5, 200, "gpt-4o"))));

    Settlement.Terminal b = (Settlement.Terminal) settled.get(1);
    assertThat(b.reply().getRequestId()).isEqualTo("b");
    assertThat(b.reply().getContent()).isEqualTo("answer b");
    Prices realtime = providers.prices("openai", "gpt-4o");
    Prices batch = providers.batchPrices("openai", "gpt-4o");
    assertThat(b.reply().getCostMicros()).isEqualTo(batch.costMicros(1_000, 500)).isEqualTo(3_750);
    assertThat(b.ledgerEntries()).singleElement().satisfies(entry -> {
      assertThat(entry.getPriceBasis().getMode()).isEqualTo("batch");
      assertThat(entry.getPriceBasis().getInputMicrosPerMillion()).isEqualTo(1_250_000);
      assertThat(entry.getCostMicros()).isEqualTo(3_750);
      assertThat(entry.getDiscountMicros()).isEqualTo(realtime.costMicros(1_000, 500) - 3_750).isEqualTo(3_750);
      assertThat(entry.getEntryId()).isEqualTo("b:1");
    });
    assertThat(((Settlement.Terminal) settled.get(0)).reply().getContent()).isEqualTo("answer a");
  }

  @Test
  void unservedItemsGoToTheRealtimePathWhileTheirDeadlineAllowsElseEndAsBatchExpired() {
    DispatchItem retryable = DispatchItems.smart("retryable");
    DispatchItem expired = DispatchItems.smart("expired");
    DispatchItem late = DispatchItem.newBuilder(DispatchItems.smart("late")).setDeadline(NOW.minusSeconds(1)).build();
    DispatchItem refused = DispatchItems.smart("refused");
    DispatchItem missing = DispatchItems.smart("missing");

    List<Settlement> settled = settler.settle(job(List.of(retryable, expired, late, refused, missing)), List.of(
        new BatchItemResult.Failed("i0", 500, "server_error", "boom", true),
        new BatchItemResult.Expired("i1"),
        new BatchItemResult.Cancelled("i2"),
        new BatchItemResult.Failed("i3", 400, "invalid_request_error", "bad max_tokens", false)));

    for (int i : new int[] {0, 1, 4}) {
      assertThat(settled.get(i)).isInstanceOfSatisfying(Settlement.Failover.class, failover -> {
        DispatchItem moved = failover.batch().getItems().getFirst();
        assertThat(failover.providerId()).isEqualTo("openai");
        assertThat(moved.getRealtimeOnly()).isTrue();
        assertThat(moved.getTargetIndex()).isZero();
        assertThat(moved.getAttempts()).singleElement().satisfies(a -> assertThat(a.getCostMicros()).isZero());
      });
    }
    assertThat(((Settlement.Failover) settled.get(0)).batch().getItems().getFirst().getAttempts().getFirst()
        .getErrorType()).isEqualTo("server_error");
    Settlement.Terminal lateReply = (Settlement.Terminal) settled.get(2);
    assertThat(lateReply.reply().getStatus()).isEqualTo(ReplyStatus.ERROR);
    assertThat(lateReply.reply().getError().getCode()).isEqualTo("batch_expired");
    assertThat(lateReply.ledgerEntries()).isEmpty();
    Settlement.Terminal refusedReply = (Settlement.Terminal) settled.get(3);
    assertThat(refusedReply.reply().getError().getCode()).isEqualTo("invalid_request");
    assertThat(refusedReply.reply().getError().getMessage()).contains("bad max_tokens");
  }
}
