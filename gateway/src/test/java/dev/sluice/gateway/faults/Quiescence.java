package dev.sluice.gateway.faults;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a consumer group has consumed every committed record of some topics. Transaction markers
 * and aborted records sit at the end of partitions, so "committed offset = end offset" is no test;
 * "committed offset beyond the last committed record" is.
 */
final class Quiescence implements AutoCloseable {
  private final Admin admin;

  Quiescence(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    admin = Admin.create(props);
  }

  /** True once {@code tail} has read to the end and {@code group} has committed past its every record. */
  boolean consumedAll(String group, TopicTail<?> tail) {
    if (!tail.atEnd()) {
      return false;
    }
    Map<TopicPartition, OffsetAndMetadata> committed;
    try {
      committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the offsets of group " + group, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return tail.lastOffsets().entrySet().stream().allMatch(last -> {
      OffsetAndMetadata offset = committed.get(last.getKey());
      return offset != null && offset.offset() > last.getValue();
    });
  }

  @Override
  public void close() {
    admin.close();
  }
}
