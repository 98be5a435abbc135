package dev.sluice.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one generated Avro record type. Writes the schema-registry wire format when a
 * registry is configured (subject {@code <topic>-value}), Avro single-object encoding otherwise.
 * Reads either, whichever the first bytes say, so a topic can move from one to the other.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {
  private static final byte MAGIC_BYTE = 0;

  private final Class<T> type;
  private final Schema schema;
  private final SchemaRegistryClient registry;
  private final BinaryMessageEncoder<T> singleObjectEncoder;
  private final BinaryMessageDecoder<T> singleObjectDecoder;
  private final SpecificData model;
  // Shared by all threads: a GenericDatumWriter keeps no per-write state (only its schema and
  // data model), and Avro's own thread-safe RawMessageEncoder shares one the same way.
  private final SpecificDatumWriter<T> registryWriter;
  /** Schema id by topic: one registry look-up per topic, not one per record. */
  private final Map<String, Integer> schemaIdsByTopic = new ConcurrentHashMap<>();

  /** @param registry the schema registry, or null to use single-object encoding */
  public AvroSerde(Class<T> type, Schema schema, SchemaRegistryClient registry) {
    AvroTrust.install();
    this.type = type;
    this.schema = schema;
    this.registry = registry;
    this.model = SpecificData.getForClass(type);
    this.singleObjectEncoder = new BinaryMessageEncoder<>(model, schema);
    this.singleObjectDecoder = new BinaryMessageDecoder<>(model, schema);
    this.registryWriter = new SpecificDatumWriter<>(schema, model);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    try {
      return registry == null ? toSingleObject(data) : toRegistryFormat(topic, data);
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException se) {
        throw se;
      }
      throw new SerializationException("cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    AvroWireFormat format = AvroWireFormat.detect(data);
    try {
      return switch (format) {
        case SINGLE_OBJECT -> singleObjectDecoder.decode(data);
        case SCHEMA_REGISTRY -> fromRegistryFormat(topic, data);
        default -> throw new SerializationException("not an Avro " + type.getSimpleName()
            + " on topic " + topic + ": first bytes " + AvroWireFormat.preview(data)
            + " are neither single-object encoding (c301) nor schema-registry wire format (00)");
      };
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException se) {
        throw se;
      }
      throw new SerializationException("cannot decode " + type.getSimpleName() + " on topic " + topic
          + " (" + format + ", " + AvroWireFormat.preview(data) + "): " + e.getMessage(), e);
    }
  }

  private byte[] toSingleObject(T data) throws IOException {
    ByteBuffer buffer = singleObjectEncoder.encode(data);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private byte[] toRegistryFormat(String topic, T data) throws IOException {
    int id = schemaIdsByTopic.computeIfAbsent(topic, t -> registry.register(t + "-value", schema));
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(MAGIC_BYTE);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    registryWriter.write(data, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private T fromRegistryFormat(String topic, byte[] data) throws IOException {
    if (registry == null) {
      throw new SerializationException("record on topic " + topic
          + " uses the schema-registry wire format, but no schema.registry.url is configured");
    }
    int id = ByteBuffer.wrap(data, 1, 4).getInt();
    Schema writer = registry.schemaById(id);
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, null);
    return new SpecificDatumReader<T>(writer, schema, model).read(null, decoder);
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // Configured in the constructor: serdes are made in one place and passed in.
  }

  @Override
  public void close() {
    // Nothing to release: the registry client is shared and lives with the process.
  }
}
