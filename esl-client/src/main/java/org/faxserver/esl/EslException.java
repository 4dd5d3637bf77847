package org.faxserver.esl;

/** Base class of the exceptions this library completes futures with. */
public class EslException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public EslException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public EslException(String message, Throwable cause) {
    super(message, cause);
  }
}
