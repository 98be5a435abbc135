package dev.sluice.schemas.config;

import dev.sluice.schemas.TopicNames;
import dev.sluice.schemas.money.MicroDollars;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Checks a bound gateway.yaml for everything the type system cannot: references, ranges, formats. */
final class ConfigValidator {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern ENV_VAR = Pattern.compile("[A-Z_][A-Z0-9_]*");

  record Problem(ConfigPath path, String message) {}

  private final GatewayConfig config;
  private final List<Problem> problems = new ArrayList<>();

  ConfigValidator(GatewayConfig config) {
    this.config = config;
  }

  List<Problem> problems() {
    checkLimits(ConfigPath.of("limits"), config.limits());
    if (config.providers().isEmpty()) {
      problem(ConfigPath.of("providers"), "at least one provider is required");
    }
    new TreeSet<>(config.providers().keySet())
        .forEach(id -> checkProvider(ConfigPath.of("providers").field(id), id, config.providers().get(id)));
    new TreeSet<>(config.routes().keySet())
        .forEach(alias -> checkRoute(ConfigPath.of("routes").field(alias), alias, config.routes().get(alias)));
    checkKeys(ConfigPath.of("keys"), config.keys());
    positive(ConfigPath.of("dedupe").field("window_minutes"), config.dedupe().windowMinutes());
    checkCache(ConfigPath.of("cache"), config.cache());
    checkBatching(ConfigPath.of("batching"), config.batching());
    new BudgetValidator(config, this).check(ConfigPath.of("budgets"));
    return problems;
  }

  private void checkCache(ConfigPath at, CacheConfig cache) {
    if (cache == null) {
      return;
    }
    optionalPositive(at.field("ttl_seconds"), cache.ttlSeconds());
    Double threshold = cache.similarityThreshold();
    if (threshold != null && !(threshold > 0 && threshold <= 1)) {
      problem(at.field("similarity_threshold"), "must be a cosine similarity in (0, 1], but was " + threshold);
    }
  }

  private void checkLimits(ConfigPath at, Limits limits) {
    positive(at.field("max_prompt_chars"), limits.maxPromptChars());
    positive(at.field("max_output_tokens"), limits.maxOutputTokens());
    positive(at.field("max_messages"), limits.maxMessages());
  }

  private void checkProvider(ConfigPath at, String id, ProviderConfig provider) {
    if (provider == null) {
      problem(at, "provider is empty");
      return;
    }
    if (!TopicNames.isValidProviderId(id)) {
      problem(at, "provider id '" + id + "' must be lower-case letters, digits, '-' or '_' (it names the topic llm.dispatch.<id>)");
    }
    if (provider.type() == null || !ProviderConfig.TYPES.contains(provider.type())) {
      problem(at.field("type"), "type must be one of " + new TreeSet<>(ProviderConfig.TYPES) + ", but was '" + provider.type() + "'");
    }
    checkUrl(at.field("base_url"), provider.baseUrl());
    checkKeyPool(at, provider);
    checkResilience(at.field("resilience"), provider.resilience());
    if (provider.timeoutMs() <= 0) {
      problem(at.field("timeout_ms"), "must be > 0, but was " + provider.timeoutMs());
    }
    if (provider.models().isEmpty()) {
      problem(at.field("models"), "at least one model with its prices is required");
    }
    for (Map.Entry<String, ModelConfig> model : provider.models().entrySet()) {
      ConfigPath m = at.field("models").field(model.getKey());
      if (model.getValue() == null) {
        problem(m, "prices are required: input_per_million and output_per_million (dollars)");
        continue;
      }
      price(m.field("input_per_million"), model.getValue().inputPerMillion());
      price(m.field("output_per_million"), model.getValue().outputPerMillion());
      if (model.getValue().batchInputPerMillion() != null) {
        price(m.field("batch_input_per_million"), model.getValue().batchInputPerMillion());
      }
      if (model.getValue().batchOutputPerMillion() != null) {
        price(m.field("batch_output_per_million"), model.getValue().batchOutputPerMillion());
      }
    }
    if (Boolean.TRUE.equals(provider.batchApi()) && !ProviderConfig.BATCH_API_TYPES.contains(provider.type())) {
      problem(at.field("batch_api"), "only types " + ProviderConfig.BATCH_API_TYPES + " have a batch API, but type is '"
          + provider.type() + "'");
    }
  }

  private void checkBatching(ConfigPath at, BatchingConfig batching) {
    checkLane(at.field("standard"), batching.standard());
    checkLane(at.field("deferred"), batching.deferred());
    ConfigPath jobs = at.field("jobs");
    if (batching.jobs().minMinutesToDeadline() < 0) {
      problem(jobs.field("min_minutes_to_deadline"), "must be >= 0, but was " + batching.jobs().minMinutesToDeadline());
    }
    positive(jobs.field("poll_interval_ms"), batching.jobs().pollIntervalMs());
  }

  private void checkLane(ConfigPath at, LaneBatching lane) {
    positive(at.field("max_items"), lane.maxItems());
    if (lane.maxWaitMs() < 0) {
      problem(at.field("max_wait_ms"), "must be >= 0, but was " + lane.maxWaitMs());
    }
    positive(at.field("max_prompt_chars"), lane.maxPromptChars());
  }

  private void checkKeyPool(ConfigPath at, ProviderConfig provider) {
    envVar(at.field("api_key_env"), provider.apiKeyEnv());
    optionalPositive(at.field("rpm"), provider.rpm());
    optionalPositive(at.field("tpm"), provider.tpm());
    if (provider.keys().isEmpty()) {
      return;
    }
    if (provider.apiKeyEnv() != null || provider.rpm() != null || provider.tpm() != null) {
      problem(at.field("keys"), "give either keys (a pool, each with its own api_key_env, rpm, tpm) or api_key_env/rpm/tpm for one key, not both");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < provider.keys().size(); i++) {
      ProviderKeyConfig key = provider.keys().get(i);
      ConfigPath k = at.field("keys").index(i);
      if (key == null || key.id() == null || key.id().isBlank()) {
        problem(k.field("id"), "each key of the pool needs an id");
        continue;
      }
      if (!ids.add(key.id())) {
        problem(k.field("id"), "duplicate key id '" + key.id() + "' in the pool");
      }
      envVar(k.field("api_key_env"), key.apiKeyEnv());
      positive(k.field("weight"), key.weight());
      optionalPositive(k.field("rpm"), key.rpm());
      optionalPositive(k.field("tpm"), key.tpm());
    }
  }

  private void checkResilience(ConfigPath at, ResilienceConfig r) {
    if (r.maxRetries() < 0) {
      problem(at.field("max_retries"), "must be >= 0, but was " + r.maxRetries());
    }
    positive(at.field("backoff_initial_ms"), r.backoffInitialMs());
    if (r.backoffMaxMs() < r.backoffInitialMs()) {
      problem(at.field("backoff_max_ms"), "must be >= backoff_initial_ms (" + r.backoffInitialMs() + "), but was " + r.backoffMaxMs());
    }
    percent(at.field("circuit_failure_rate"), r.circuitFailureRate());
    percent(at.field("circuit_slow_call_rate"), r.circuitSlowCallRate());
    positive(at.field("circuit_slow_call_ms"), r.circuitSlowCallMs());
    positive(at.field("circuit_window"), r.circuitWindow());
    positive(at.field("circuit_min_calls"), r.circuitMinCalls());
    positive(at.field("circuit_open_ms"), r.circuitOpenMs());
    positive(at.field("max_concurrent"), r.maxConcurrent());
    if (!(r.lowRemainingFraction() >= 0 && r.lowRemainingFraction() < 1)) {
      problem(at.field("low_remaining_fraction"), "must be in [0, 1), but was " + r.lowRemainingFraction());
    }
  }

  private void checkRoute(ConfigPath at, String alias, RouteConfig route) {
    if (alias.contains("/")) {
      problem(at, "a route alias cannot contain '/' (that form means provider/model), but was '" + alias + "'");
    }
    if (route == null || route.targets().isEmpty()) {
      problem(at.field("targets"), "a route needs at least one target");
      return;
    }
    if (route.defaultMaxTokens() != null && (route.defaultMaxTokens() <= 0
        || route.defaultMaxTokens() > config.limits().maxOutputTokens())) {
      problem(at.field("default_max_tokens"), "must be in 1.." + config.limits().maxOutputTokens()
          + " (limits.max_output_tokens), but was " + route.defaultMaxTokens());
    }
    checkCache(at.field("cache"), route.cache());
    if (!RouteConfig.STRATEGIES.contains(route.strategy())) {
      problem(at.field("strategy"), "strategy must be one of " + RouteConfig.STRATEGIES + ", but was '" + route.strategy() + "'");
    }
    for (int i = 0; i < route.fallbackOn().size(); i++) {
      String error = route.fallbackOn().get(i);
      if (!RouteConfig.FALLBACK_ERRORS.contains(error)) {
        problem(at.field("fallback_on").index(i), "must be one of " + RouteConfig.FALLBACK_ERRORS + ", but was '" + error + "'");
      }
    }
    for (int i = 0; i < route.targets().size(); i++) {
      RouteTargetConfig target = route.targets().get(i);
      ConfigPath t = at.field("targets").index(i);
      if (target == null) {
        problem(t, "a target needs provider and model");
        continue;
      }
      ProviderConfig provider = target.provider() == null ? null : config.providers().get(target.provider());
      if (provider == null) {
        problem(t.field("provider"), "unknown provider '" + target.provider() + "' (known: " + new TreeSet<>(config.providers().keySet()) + ")");
      } else if (target.model() == null || !provider.models().containsKey(target.model())) {
        problem(t.field("model"), "model '" + target.model() + "' is not listed under providers."
            + target.provider() + ".models (known: " + new TreeSet<>(provider.models().keySet()) + ")");
      }
      positive(t.field("weight"), target.weight());
      if (provider != null) {
        Set<String> pool = new TreeSet<>(provider.keyPool().stream().map(ProviderKeyConfig::id).toList());
        for (int k = 0; k < target.keys().size(); k++) {
          if (!pool.contains(target.keys().get(k))) {
            problem(t.field("keys").index(k), "key '" + target.keys().get(k) + "' is not in providers."
                + target.provider() + ".keys (known: " + pool + ")");
          }
        }
      }
    }
  }

  private void checkKeys(ConfigPath at, List<VirtualKeyConfig> keys) {
    Set<String> ids = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      VirtualKeyConfig key = keys.get(i);
      ConfigPath k = at.index(i);
      if (key == null) {
        problem(k, "a key needs id, sha256 and org");
        continue;
      }
      if (key.id() == null || key.id().isBlank()) {
        problem(k.field("id"), "id is required");
      } else if (!ids.add(key.id())) {
        problem(k.field("id"), "duplicate key id '" + key.id() + "'");
      }
      if (key.sha256() == null || !SHA256.matcher(key.sha256()).matches()) {
        problem(k.field("sha256"), "must be the lower-case hex SHA-256 of the key (64 characters), e.g. from `printf %s \"$KEY\" | sha256sum`");
      } else if (!hashes.add(key.sha256())) {
        problem(k.field("sha256"), "two keys have the same secret");
      }
      if (key.org() == null || key.org().isBlank()) {
        problem(k.field("org"), "org is required (it is the budget root)");
      }
      for (int r = 0; r < key.routes().size(); r++) {
        String allowed = key.routes().get(r);
        if (!isCallable(allowed)) {
          problem(k.field("routes").index(r), "'" + allowed + "' is neither a route (known: "
              + new TreeSet<>(config.routes().keySet()) + "), a configured provider/model, nor '*'");
        }
      }
    }
  }

  private boolean isCallable(String allowed) {
    return VirtualKeyConfig.ANY.equals(allowed) || config.routes().containsKey(allowed)
        || config.isProviderModel(allowed);
  }

  void checkUrl(ConfigPath at, String url) {
    try {
      URI uri = URI.create(url == null ? "" : url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        problem(at, "must be an http(s) URL with a host, but was '" + url + "'");
      }
    } catch (IllegalArgumentException e) {
      problem(at, "not a URL: '" + url + "' (" + e.getMessage() + ")");
    }
  }

  void price(ConfigPath at, BigDecimal dollars) {
    if (dollars == null) {
      problem(at, "required (dollars per million tokens, e.g. 2.50)");
    } else if (dollars.signum() < 0) {
      problem(at, "must be >= 0, but was " + dollars.toPlainString());
    } else {
      try {
        MicroDollars.fromDollars(dollars);
      } catch (IllegalArgumentException | ArithmeticException e) {
        problem(at, e.getMessage());
      }
    }
  }

  private void positive(ConfigPath at, long value) {
    if (value <= 0) {
      problem(at, "must be > 0, but was " + value);
    }
  }

  private void optionalPositive(ConfigPath at, Integer value) {
    if (value != null) {
      positive(at, value);
    }
  }

  private void percent(ConfigPath at, int value) {
    if (value < 1 || value > 100) {
      problem(at, "must be a percentage from 1 to 100, but was " + value);
    }
  }

  void envVar(ConfigPath at, String name) {
    if (name != null && !ENV_VAR.matcher(name).matches()) {
      problem(at, "must name an environment variable (A-Z, 0-9, _), but was '" + name + "'");
    }
  }

  void problem(ConfigPath at, String message) {
    problems.add(new Problem(at, message));
  }
}
