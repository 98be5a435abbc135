package dev.sluice.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedKafkaBroker;
import dev.sluice.schemas.TopicNames;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/** {@code sluice topics} against a running broker: creates what the configuration needs, twice without harm. */
class TopicsCommandIT {
  @Test
  void createsEveryTopicOfTheConfigurationIdempotently() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.ephemeral().build().start()) {
      TestCli cli = TestCli.with(FakeClient.replying(Replies.ok("r", "unused")));

      assertThat(cli.run("topics", "--bootstrap", broker.bootstrapServers(), "--partitions", "2")).as(cli.err()).isZero();
      assertThat(cli.run("topics", "--bootstrap", broker.bootstrapServers(), "--partitions", "2")).as(cli.err()).isZero();

      List<String> expected = TopicNames.all(List.of("anthropic", "openai"));
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        Map<String, TopicDescription> topics = admin.describeTopics(expected).allTopicNames().get();
        assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(2));
      }
      assertThat(cli.out()).contains("topics ready on " + broker.bootstrapServers());
    }
  }
}
