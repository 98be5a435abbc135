package dev.sluice.router.stage;

import org.apache.kafka.common.serialization.Serializer;

/** Writes only the value of an {@link Addressed}, with the serializer of its type. */
public final class AddressedSerializer<V> implements Serializer<Addressed<V>> {
  private final Serializer<V> values;

  public AddressedSerializer(Serializer<V> values) {
    this.values = values;
  }

  @Override
  public byte[] serialize(String topic, Addressed<V> data) {
    return data == null ? null : values.serialize(topic, data.value());
  }
}
