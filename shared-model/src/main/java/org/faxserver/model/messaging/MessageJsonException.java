package org.faxserver.model.messaging;

/** A message could not be written or read as JSON. Unchecked: callers reject (dead-letter) the message. */
public final class MessageJsonException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MessageJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
