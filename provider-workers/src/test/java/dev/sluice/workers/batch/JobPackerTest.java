package dev.sluice.workers.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.workers.dispatch.DispatchItems;
import dev.sluice.workers.provider.batch.BatchLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobPackerTest {
  private static final Instant NOW = DispatchItems.RECEIVED.plusSeconds(1);

  private static DispatchBatch batch(List<DispatchItem> items) {
    return DispatchBatch.newBuilder(DispatchItems.batchOf(items.getFirst())).setItems(items).build();
  }

  private static List<DispatchItem> items(int count) {
    List<DispatchItem> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(DispatchItems.smart("r-" + i));
    }
    return items;
  }

  @Test
  void aRecordLargerThanTheProvidersRequestLimitBecomesSeveralJobsInLineOrder() {
    JobPacker packer = new JobPacker(new BatchLimits(4, 1_000_000), Duration.ZERO);

    JobPacker.Packing packing = packer.pack(batch(items(10)), NOW);

    assertThat(packing.jobs()).extracting(List::size).containsExactly(4, 4, 2);
    assertThat(packing.jobs().get(2)).extracting(DispatchItem::getRequestId).containsExactly("r-8", "r-9");
    assertThat(packing.realtime()).isEmpty();
  }

  @Test
  void aJobStaysUnderTheProvidersByteLimitByItsEstimate() {
    // Each item: 512 + 3 x 34 prompt characters = 614 bytes; 1,300 bytes hold two.
    JobPacker packer = new JobPacker(new BatchLimits(1_000, 1_300), Duration.ZERO);

    assertThat(packer.pack(batch(items(5)), NOW).jobs()).extracting(List::size).containsExactly(2, 2, 1);
  }

  @Test
  void requestsSentBackFromAJobOrWithANearDeadlineAreLeftForTheRealtimePath() {
    JobPacker packer = new JobPacker(BatchLimits.OPENAI, Duration.ofMinutes(60));
    DispatchItem far = DispatchItem.newBuilder(DispatchItems.smart("far")).setDeadline(NOW.plus(Duration.ofMinutes(60))).build();
    DispatchItem near = DispatchItem.newBuilder(DispatchItems.smart("near")).setDeadline(NOW.plus(Duration.ofMinutes(59))).build();
    DispatchItem none = DispatchItems.smart("none");
    DispatchItem retried = DispatchItem.newBuilder(DispatchItems.smart("retried")).setRealtimeOnly(true).build();

    JobPacker.Packing packing = packer.pack(batch(List.of(far, near, none, retried)), NOW);

    assertThat(packing.jobs()).singleElement().satisfies(job ->
        assertThat(job).extracting(DispatchItem::getRequestId).containsExactly("far", "none"));
    assertThat(packing.realtime()).extracting(DispatchItem::getRequestId).containsExactly("near", "retried");
  }

  @Test
  void customIdsNameTheLineAndAreReadBack() {
    assertThat(JobPacker.customId(0)).isEqualTo("i0");
    assertThat(JobPacker.line(JobPacker.customId(49_999))).isEqualTo(49_999);
    assertThat(JobPacker.line("x7")).isEqualTo(-1);
    assertThat(JobPacker.line("i")).isEqualTo(-1);
    assertThat(JobPacker.line("i-3x")).isEqualTo(-1);
  }
}
