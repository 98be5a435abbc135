package dev.sluice.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** The settings of a one-node combined broker and controller bound to 127.0.0.1. */
final class BrokerProperties {
  static final String HOST = "127.0.0.1";
  static final int NODE_ID = 1;

  private BrokerProperties() {}

  static Properties create(Path logDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
    Properties props = new Properties();
    // One JVM plays both KRaft roles, so there is nothing else to run.
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    // A static voter set does not record endpoints in the log, so the ports may change between restarts.
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    // Loopback only: the embedded broker is for this machine, never the network.
    props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", logDir.toAbsolutePath().toString());

    // Internal topics default to three replicas; one node can only hold one.
    props.put("offsets.topic.replication.factor", "1");
    // Transaction state with RF 3 / min ISR 2 never becomes available, and exactly-once Streams hangs in REBALANCING.
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    // 50 partitions each cost startup time and file handles that one local node does not need.
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("share.coordinator.state.topic.num.partitions", "5");
    // Nobody else will join: start the first rebalance at once instead of waiting 3 s.
    props.put("group.initial.rebalance.delay.ms", "0");
    // The 128 MiB default is allocated on the heap up front; 8 MiB still dedupes ~350k keys per pass.
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    // A request naming a missing reply topic must fail loudly, not create the topic silently.
    props.put("auto.create.topics.enable", "false");
    // Sized for a 2-core machine shared with every other Sluice service (defaults: 3 and 8).
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "2");

    props.putAll(overrides);
    return props;
  }
}
