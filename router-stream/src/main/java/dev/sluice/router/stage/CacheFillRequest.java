package dev.sluice.router.stage;

import dev.sluice.schemas.avro.CacheFill;
import dev.sluice.schemas.avro.LlmReply;

/**
 * A request's first terminal reply, on its way from {@value Nodes#RECORD_OUTCOME} to
 * {@value Nodes#CACHE}, with where its dedupe entry said the answer goes.
 */
record CacheFillRequest(LlmReply reply, CacheFill fill) {}
