package dev.sluice.gateway;

/** A problem the user can fix (bad input, nothing listening, missing file): printed as a message, no stack trace. */
public final class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
