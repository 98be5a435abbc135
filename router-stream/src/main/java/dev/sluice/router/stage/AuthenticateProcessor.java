package dev.sluice.router.stage;

import dev.sluice.schemas.ErrorCode;
import dev.sluice.schemas.avro.Caller;
import dev.sluice.schemas.config.VirtualKeyConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 3: finds the caller's key by the hash taken at intake and checks that it may call the
 * requested model. Passes an {@link Authenticated} to {@value Nodes#SPLIT_FOR_EMBEDDING} (then llm.requests.by-org), keyed by
 * the caller's org (the budget root), so that one task decides everything for an org; or rejects with
 * {@code unauthorized} (no key, unknown key) or {@code model_not_allowed}. Messages never
 * contain the key, nor its hash.
 */
public final class AuthenticateProcessor extends ContextualProcessor<String, Inbound, String, InFlight> {
  static final String NO_KEY = "a virtual key is required: set virtual_key in the request, or the sluice-key "
      + "header on a JSON batch line";
  static final String UNKNOWN_KEY = "the virtual key is not valid";

  private final Map<String, VirtualKeyConfig> keysBySha256;

  /** @param keysBySha256 from {@link #index}, built once and shared by every task */
  public AuthenticateProcessor(Map<String, VirtualKeyConfig> keysBySha256) {
    this.keysBySha256 = keysBySha256;
  }

  /** The configured keys by the SHA-256 of their secret (the config validator ensures it is unique). */
  public static Map<String, VirtualKeyConfig> index(List<VirtualKeyConfig> keys) {
    return keys.stream().collect(Collectors.toUnmodifiableMap(VirtualKeyConfig::sha256, Function.identity()));
  }

  @Override
  public void process(Record<String, Inbound> record) {
    InFlight result = authenticate(record.value());
    if (result instanceof Authenticated authenticated) {
      context().forward(record.withKey(authenticated.caller().getOrg()).withValue(result), Nodes.SPLIT_FOR_EMBEDDING);
    } else {
      context().forward(record.withValue(result), Nodes.REJECT);
    }
  }

  /** An {@link Authenticated} request, or its {@link Rejection}. */
  public InFlight authenticate(Inbound in) {
    if (in.keySha256() == null) {
      return Rejection.of(in, ErrorCode.UNAUTHORIZED, "virtual_key", NO_KEY);
    }
    VirtualKeyConfig key = keysBySha256.get(in.keySha256());
    if (key == null) {
      return Rejection.of(in, ErrorCode.UNAUTHORIZED, "virtual_key", UNKNOWN_KEY);
    }
    Authenticated caller = new Authenticated(in, caller(key, in));
    String model = in.request().getModel();
    if (!key.allows(model)) {
      return Rejection.of(caller, ErrorCode.MODEL_NOT_ALLOWED, "model", "key '" + key.id() + "' may not call '"
          + model + "' (it may call: " + key.routes() + ")");
    }
    return caller;
  }

  /** The team is the key's; a request may name one in metadata only if the key has none. */
  private static Caller caller(VirtualKeyConfig key, Inbound in) {
    String team = key.team() != null ? key.team() : in.request().getMetadata().get("team");
    return Caller.newBuilder().setKeyId(key.id()).setOrg(key.org()).setTeam(team).build();
  }
}
