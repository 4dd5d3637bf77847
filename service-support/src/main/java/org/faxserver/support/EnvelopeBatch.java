package org.faxserver.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.faxserver.model.messaging.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * A batch listener's messages read as envelopes of one payload type, oldest first. A batch listener reads them
 * itself rather than letting Spring do it: Spring rejects a message it cannot read without a dead-letter queue (lost),
 * whereas here such a message is kept apart, to be parked like any other once the rest of the batch is handled.
 *
 * @param envelopes  the messages that could be read, in their order
 * @param messages   those messages, each at its envelope's index
 * @param unreadable the others, each with why it could not be read
 */
public record EnvelopeBatch<T>(List<Envelope<T>> envelopes, List<Message> messages,
    Map<Message, MessageConversionException> unreadable) {

  private static final Logger log = LoggerFactory.getLogger(EnvelopeBatch.class);

  public static <T> EnvelopeBatch<T> read(List<Message> oldestFirst, MessageConverter converter, Class<T> payload) {
    List<Envelope<T>> envelopes = new ArrayList<>(oldestFirst.size());
    List<Message> read = new ArrayList<>(oldestFirst.size());
    Map<Message, MessageConversionException> unreadable = new LinkedHashMap<>();
    for (Message message : oldestFirst) {
      try {
        envelopes.add(envelope(converter.fromMessage(message), payload));
        read.add(message);
      } catch (MessageConversionException e) {
        unreadable.put(message, e);
      }
    }
    return new EnvelopeBatch<>(List.copyOf(envelopes), List.copyOf(read), unreadable);
  }

  /**
   * Does {@code work} for all envelopes at once (one transaction, say); if that fails, for each alone, so that one
   * that cannot be handled does not hold back the others: one that fails alone as well is parked (it failed twice
   * while those around it were handled). A failed batch of one, and an outage ({@link DependencyOutage}), are rethrown
   * instead: the container's retries take over, and nothing is parked while PostgreSQL or the broker is out of reach.
   * Then parks the unreadable messages. A batch of which none was readable does no work (no empty transaction).
   */
  public void handleTogetherOrAlone(Consumer<List<Envelope<T>>> work, MessageRecoverer parking) {
    try {
      if (!envelopes.isEmpty()) {
        work.accept(envelopes);
      }
    } catch (RuntimeException failed) {
      if (envelopes.size() < 2 || DependencyOutage.isOutage(failed)) {
        throw failed;
      }
      log.warn("handling {} messages ({}) together failed; handling them one by one: {}", envelopes.size(),
          envelopes.get(0).type(), failed.toString());
      Map<Message, RuntimeException> failedAlone = new LinkedHashMap<>();
      for (int i = 0; i < envelopes.size(); i++) {
        try {
          work.accept(List.of(envelopes.get(i)));
        } catch (RuntimeException e) {
          if (DependencyOutage.isOutage(e)) {
            throw e;
          }
          failedAlone.put(messages.get(i), e);
        }
      }
      failedAlone.forEach(parking::recover);
    }
    parkUnreadable(parking);
  }

  /**
   * Parks the unreadable messages. Call it only once the batch's work is done: a batch that is retried because its
   * work failed (and then parked whole) must not park these twice.
   */
  public void parkUnreadable(MessageRecoverer parking) {
    unreadable.forEach(parking::recover);
  }

  @SuppressWarnings("unchecked")
  private static <T> Envelope<T> envelope(Object read, Class<T> payload) {
    if (read instanceof Envelope<?> envelope && payload.isInstance(envelope.payload())) {
      return (Envelope<T>) envelope;
    }
    throw new MessageConversionException("not an envelope of " + payload.getSimpleName());
  }
}
