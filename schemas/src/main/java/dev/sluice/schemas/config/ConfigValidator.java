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
    return problems;
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
    if (provider.apiKeyEnv() != null && !ENV_VAR.matcher(provider.apiKeyEnv()).matches()) {
      problem(at.field("api_key_env"), "must name an environment variable (A-Z, 0-9, _), but was '" + provider.apiKeyEnv() + "'");
    }
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

  private void checkUrl(ConfigPath at, String url) {
    try {
      URI uri = URI.create(url == null ? "" : url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        problem(at, "must be an http(s) URL with a host, but was '" + url + "'");
      }
    } catch (IllegalArgumentException e) {
      problem(at, "not a URL: '" + url + "' (" + e.getMessage() + ")");
    }
  }

  private void price(ConfigPath at, BigDecimal dollars) {
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

  private void positive(ConfigPath at, int value) {
    if (value <= 0) {
      problem(at, "must be > 0, but was " + value);
    }
  }

  private void problem(ConfigPath at, String message) {
    problems.add(new Problem(at, message));
  }
}
