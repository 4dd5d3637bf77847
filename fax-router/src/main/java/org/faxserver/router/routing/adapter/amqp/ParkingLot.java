package org.faxserver.router.routing.adapter.amqp;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;

/**
 * Moves a message the router cannot process to its parking queue (through the default exchange),
 * unchanged apart from headers saying why and from where, so an operator can inspect or replay it.
 * Parking instead of rejecting with requeue keeps a poison message from looping forever.
 */
public final class ParkingLot {

  /** Header carrying the reason a message was parked. */
  public static final String REASON_HEADER = "x-parking-reason";

  /** Header carrying the queue the message was taken from. */
  public static final String ORIGIN_HEADER = "x-parked-from";

  private static final Logger log = LoggerFactory.getLogger(ParkingLot.class);

  private final ConfirmedPublisher publisher;
  private final String sourceQueue;
  private final String parkingQueue;

  public ParkingLot(ConfirmedPublisher publisher, String sourceQueue, String parkingQueue) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.sourceQueue = Objects.requireNonNull(sourceQueue, "sourceQueue");
    this.parkingQueue = Objects.requireNonNull(parkingQueue, "parkingQueue");
  }

  public void park(Message message, String reason) {
    Message parked = MessageBuilder.fromClonedMessage(message)
        .setHeader(REASON_HEADER, reason)
        .setHeader(ORIGIN_HEADER, sourceQueue)
        .build();
    publisher.publish("", parkingQueue, parked);
    log.warn("Parked message {} from {} in {}: {}",
        message.getMessageProperties().getMessageId(), sourceQueue, parkingQueue, reason);
  }
}
