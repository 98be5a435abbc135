package dev.sluice.router.stage;

/**
 * A value with the topic it is for. Lets a sink choose the topic per record (the caller's reply
 * topic) while the topic-name extractor stays a one-liner; see {@link AddressedSerializer}.
 *
 * @param topic the destination topic
 * @param value the record value
 */
public record Addressed<V>(String topic, V value) {}
