package dev.sluice.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class KafkaErrorsTest {
  @Test
  void fencingAndRefusalAreFatal() {
    assertThat(KafkaErrors.classify(new ProducerFencedException("fenced"))).isEqualTo(KafkaErrors.Kind.FATAL);
    assertThat(KafkaErrors.classify(new AuthenticationException("bad credentials"))).isEqualTo(KafkaErrors.Kind.FATAL);
  }

  @Test
  void transientBrokerTroubleIsRetriable() {
    assertThat(KafkaErrors.classify(new TimeoutException("slow"))).isEqualTo(KafkaErrors.Kind.RETRIABLE);
    assertThat(KafkaErrors.classify(new NotLeaderOrFollowerException("moved"))).isEqualTo(KafkaErrors.Kind.RETRIABLE);
  }

  @Test
  void aProblemOfOneRecordIsSkipped() {
    assertThat(KafkaErrors.classify(new RecordTooLargeException("2 MB"))).isEqualTo(KafkaErrors.Kind.SKIP);
    assertThat(KafkaErrors.classify(new KafkaException("other"))).isEqualTo(KafkaErrors.Kind.SKIP);
  }
}
