package dev.sluice.workers.simulator;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * The real tokenizers, loaded once for all tests, to work out independently the token counts the
 * simulator should report.
 */
public final class Tokenizers {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  /** What the simulated OpenAI API counts with. */
  public static final Encoding O200K = REGISTRY.getEncoding(EncodingType.O200K_BASE);
  /** What the simulated Anthropic API counts with. */
  public static final Encoding CL100K = REGISTRY.getEncoding(EncodingType.CL100K_BASE);

  private Tokenizers() {}
}
