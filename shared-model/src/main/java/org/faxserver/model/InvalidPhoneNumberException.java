package org.faxserver.model;

/**
 * Thrown when text cannot be turned into a {@link PhoneNumber}. {@link #reason()} is short and meant
 * for people (API error bodies, logs), e.g. "contains letters" or "too long".
 */
public final class InvalidPhoneNumberException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String input;
  private final String reason;

  public InvalidPhoneNumberException(String input, String reason) {
    super("invalid phone number '" + input + "': " + reason);
    this.input = input;
    this.reason = reason;
  }

  /** The rejected text as given (may be null). */
  public String input() {
    return input;
  }

  /** Why the text was rejected, e.g. "contains letters", "too long", "too short". */
  public String reason() {
    return reason;
  }
}
