package dev.sluice.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.avro.CostLedgerEntry;
import dev.sluice.schemas.avro.PriceBasis;
import java.io.File;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;

/**
 * What the README promises data teams: a ledger record can be read with Apache Avro and the two
 * schema files alone, without Sluice's classes, as a generic record.
 */
class LedgerForDataTeamsTest {

  @Test
  void aPlainAvroReaderDecodesALedgerEntryWithTheSchemaFiles() throws Exception {
    CostLedgerEntry entry = CostLedgerEntry.newBuilder()
        .setEntryId("req-42:1").setTime(Instant.parse("2026-11-21T10:00:00Z")).setRequestId("req-42")
        .setKeyId("payments-batch").setOrg("acme").setTeam("payments").setCustomer("c-17").setWorkflow(null)
        .setProvider("openai").setModel("gpt-4o-mini").setInputTokens(120).setOutputTokens(40).setCostMicros(42)
        .setPriceBasis(new PriceBasis("realtime", 150_000L, 600_000L)).build();
    byte[] value = SluiceSerdes.withoutRegistry().ledgerEntries().serialize(TopicNames.COST_LEDGER, entry);

    // As in the README: parse the common types first, then the entry; decode single-object encoded values.
    Schema.Parser parser = new Schema.Parser();
    parser.parse(new File("src/main/avro/00-Common.avsc"));
    Schema schema = parser.parse(new File("src/main/avro/CostLedgerEntry.avsc"));
    BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), schema);
    GenericRecord record = decoder.decode(ByteBuffer.wrap(value));

    assertThat(record.get("entry_id").toString()).isEqualTo("req-42:1");
    assertThat(record.get("org").toString()).isEqualTo("acme");
    assertThat(record.get("customer").toString()).isEqualTo("c-17");
    assertThat(record.get("workflow")).isNull();
    assertThat(record.get("cost_micros")).isEqualTo(42L);
    assertThat(record.get("time")).isEqualTo(Instant.parse("2026-11-21T10:00:00Z").toEpochMilli());
    assertThat(((GenericRecord) record.get("price_basis")).get("mode").toString()).isEqualTo("realtime");
  }
}
