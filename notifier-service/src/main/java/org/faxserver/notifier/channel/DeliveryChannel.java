package org.faxserver.notifier.channel;

import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.TryOutcome;

/**
 * The SPI of a delivery channel: a new channel (SMS, Slack, S3 archive...) is one class implementing
 * this, registered as a bean; {@code DeliveryTask.channel} names it. Scheduling, retries, dead letters
 * and the report to fax-queue are not the channel's business.
 */
public interface DeliveryChannel {

  /** The name tasks use, e.g. "email". */
  String name();

  /**
   * One try, blocking. Problems are returned as failures (transient or permanent), never thrown; an
   * unexpected exception is treated as a transient failure by the caller.
   */
  TryOutcome deliver(DeliveryTask task);
}
