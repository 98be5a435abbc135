package dev.sluice.router;

import static dev.sluice.router.fixtures.Fixtures.GAMMA_KEY;
import static dev.sluice.router.fixtures.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.router.fixtures.Fixtures;
import dev.sluice.router.fixtures.MutableClock;
import dev.sluice.router.fixtures.Output;
import dev.sluice.router.fixtures.RouterDriver;
import dev.sluice.router.stage.RouterStores;
import dev.sluice.schemas.Lane;
import dev.sluice.schemas.avro.DispatchBatch;
import dev.sluice.schemas.avro.DispatchItem;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.config.GatewayConfig;
import dev.sluice.schemas.config.GatewayConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch stage: requests of one lane, provider, model and org travel together; interactive ones never wait. */
class RouterBatchTest {
  private static final String BATCHING = """
      batching:
        standard: {max_items: 3, max_wait_ms: 50}
        deferred: {max_items: 4, max_wait_ms: 1000, max_prompt_chars: 100000}
      """;

  @TempDir
  Path stateDir;
  private final MutableClock clock = new MutableClock(NOW);
  private RouterDriver router;

  @BeforeEach
  void start() {
    router = new RouterDriver(config(BATCHING), FixedReplyTopicDirectory.of(Fixtures.APP_REPLIES), stateDir, clock);
  }

  @AfterEach
  void stop() {
    router.close();
  }

  private static GatewayConfig config(String batching) {
    String yaml = Fixtures.YAML.replaceAll("(?s)batching:.*", "") + batching;
    return GatewayConfigLoader.parse(yaml, "test.yaml");
  }

  @Test
  void aFullGroupLeavesAtOnceAsOneDispatchRecord() {
    for (String id : List.of("req-1", "req-2", "req-3")) {
      router.send(Fixtures.request(id).build());
    }

    List<KeyValue<String, DispatchBatch>> dispatched = router.output().dispatched("openai");
    assertThat(dispatched).hasSize(1);
    DispatchBatch batch = dispatched.getFirst().value;
    assertThat(dispatched.getFirst().key).isEqualTo(batch.getBatchId()).startsWith("g-");
    assertThat(batch.getProvider()).isEqualTo("openai");
    assertThat(batch.getModel()).isEqualTo("gpt-4o");
    assertThat(batch.getItems()).extracting(DispatchItem::getRequestId).containsExactly("req-1", "req-2", "req-3");
  }

  @Test
  void aGroupThatIsNotFullLeavesOnceItHasWaitedItsLanesMaximum() {
    router.send(Fixtures.request("req-1").build());
    router.send(Fixtures.request("req-2").build());
    clock.advance(Duration.ofMillis(49));
    router.advanceWallClock(Duration.ofMillis(49));
    assertThat(router.output().dispatched("openai")).isEmpty();

    clock.advance(Duration.ofMillis(1));
    router.advanceWallClock(Duration.ofMillis(25));

    List<KeyValue<String, DispatchBatch>> dispatched = router.output().dispatched("openai");
    assertThat(dispatched).hasSize(1);
    assertThat(dispatched.getFirst().value.getItems()).extracting(DispatchItem::getRequestId)
        .containsExactly("req-1", "req-2");
    // Nothing is left behind in the store once the group has gone.
    clock.advance(Duration.ofSeconds(5));
    router.advanceWallClock(Duration.ofSeconds(5));
    assertThat(router.output().dispatched("openai")).isEmpty();
  }

  @Test
  void requestsOfDifferentOrgsOrModelsNeverShareARecord() {
    router.send(Fixtures.request("acme-smart").build());
    router.send(Fixtures.request("acme-cheap").setModel("cheap").build());
    router.send(Fixtures.request("globex-smart").setVirtualKey(GAMMA_KEY).build());
    clock.advance(Duration.ofMillis(50));
    router.advanceWallClock(Duration.ofMillis(50));

    List<DispatchBatch> batches = router.output().dispatched("openai").stream().map(kv -> kv.value).toList();
    assertThat(batches).hasSize(3);
    assertThat(batches).allSatisfy(batch -> assertThat(batch.getItems()).hasSize(1));
    assertThat(batches).extracting(b -> b.getModel() + " " + b.getItems().getFirst().getCaller().getOrg())
        .containsExactlyInAnyOrder("gpt-4o acme", "gpt-4o-mini acme", "gpt-4o globex");
  }

  @Test
  void anInteractiveRequestGoesOnAtOnceWhileStandardOnesWait() {
    router.send(Fixtures.request("standard-1").build());
    router.send(Fixtures.request("interactive-1").setPriority(Priority.INTERACTIVE).build());

    Output out = router.output();
    assertThat(out.dispatched("openai", Lane.INTERACTIVE)).extracting(kv -> kv.key).containsExactly("interactive-1");
    assertThat(out.dispatched("openai")).isEmpty();
  }

  @Test
  void deferredRequestsGoToTheirOwnLaneInGroupsOfTheirOwnSize() {
    for (int i = 1; i <= 6; i++) {
      router.send(Fixtures.request("deferred-" + i).setPriority(Priority.DEFERRED).build());
    }
    // Six deferred requests: a full group of four leaves at once, the other two wait up to a second.
    Output first = router.output();
    assertThat(first.dispatched("openai", Lane.DEFERRED)).singleElement()
        .satisfies(kv -> assertThat(kv.value.getItems()).hasSize(4));
    assertThat(first.dispatched("openai")).isEmpty();

    clock.advance(Duration.ofMillis(999));
    router.advanceWallClock(Duration.ofMillis(999));
    assertThat(router.output().dispatched("openai", Lane.DEFERRED)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    router.advanceWallClock(Duration.ofMillis(500));
    assertThat(router.output().dispatched("openai", Lane.DEFERRED)).singleElement()
        .satisfies(kv -> assertThat(kv.value.getItems()).extracting(DispatchItem::getRequestId)
            .containsExactlyInAnyOrder("deferred-5", "deferred-6"));
  }

  @Test
  void aGroupAlsoLeavesWhenItsPromptsReachTheLanesCharacterLimit() {
    router.close();
    router = new RouterDriver(config("""
        batching:
          standard: {max_items: 100, max_wait_ms: 60000, max_prompt_chars: 100}
        """), FixedReplyTopicDirectory.of(Fixtures.APP_REPLIES), stateDir, clock);
    // Each fixture request has 55 prompt characters: the second one passes 100.
    router.send(Fixtures.request("req-1").build());
    assertThat(router.output().dispatched("openai")).isEmpty();
    router.send(Fixtures.request("req-2").build());

    assertThat(router.output().dispatched("openai")).singleElement()
        .satisfies(kv -> assertThat(kv.value.getItems()).hasSize(2));
  }

  @Test
  void aHeldRequestReachesTheChangelogWhenItWaitsAcrossACommitAndItsRemovalAlways() {
    router.send(Fixtures.request("req-1").build());
    router.send(Fixtures.request("req-2").build());
    router.send(Fixtures.request("req-3").build());

    // The test driver commits after each input: requests 1 and 2 waited across a commit (a put each),
    // request 3 joined and left its group before the next one (the cache keeps only its tombstone);
    // each request leaves with one tombstone, however large its group grew.
    assertThat(router.changelogRecords(RouterStores.PENDING_DISPATCH)).isEqualTo(5);
  }
}
