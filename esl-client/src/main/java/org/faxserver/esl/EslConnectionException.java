package org.faxserver.esl;

/** The connection was not available, or closed before the reply or event arrived. */
public class EslConnectionException extends EslException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public EslConnectionException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public EslConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
