package dev.sluice.gateway;

import picocli.CommandLine.Command;

/**
 * {@code sluice cache}: a group for the router's answer cache; it does nothing alone (picocli then
 * reports the missing subcommand as a usage error).
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
    description = "Act on the router's answer cache (exact and semantic), through llm.cache-invalidations.")
final class CacheCommand {}
