package org.faxserver.router.routing.adapter.amqp;

/** The broker did not confirm a publish (nack, unroutable, or no answer in time). */
public final class PublishFailedException extends RuntimeException {

  public PublishFailedException(String message) {
    super(message);
  }

  public PublishFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
