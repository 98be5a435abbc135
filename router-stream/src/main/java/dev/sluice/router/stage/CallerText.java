package dev.sluice.router.stage;

/** Caller text quoted in an error message is cut short: error replies are not for echoing large input. */
final class CallerText {
  static final int MAX_ECHO = 120;

  private CallerText() {}

  /** {@code text} itself, or its first {@value #MAX_ECHO} characters and "..." if longer. */
  static String echo(String text) {
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
  }
}
