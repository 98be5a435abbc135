package dev.sluice.schemas.config;

/** One target of a route: a provider id and one of its models. */
public record RouteTargetConfig(String provider, String model) {}
