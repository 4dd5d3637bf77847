package org.faxserver.queue.attempt.application;

/** Port: counts scheduled retries by a small reason (the attempt's end, e.g. USER_BUSY or FAX_FAILED). */
@FunctionalInterface
public interface RetryCounter {
  RetryCounter NONE = reason -> { };

  void retryScheduled(String reason);
}
