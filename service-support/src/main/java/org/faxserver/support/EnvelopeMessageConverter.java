package org.faxserver.support;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.MessageJsonException;
import org.faxserver.model.messaging.MessageTypes;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * AMQP body ⇄ {@link Envelope} in the shared JSON form ({@link MessageJson}). The payload class is
 * picked from the envelope's {@code type}; a type this service does not know is a conversion error,
 * which the listener's retry/parking handles (it is never acted on by guesswork).
 */
public final class EnvelopeMessageConverter implements MessageConverter {

  private final Map<String, Class<?>> types;

  /** Knows {@link MessageTypes#all()}. */
  public EnvelopeMessageConverter() {
    this(Map.of());
  }

  /** Knows {@link MessageTypes#all()} plus {@code extraTypes} (types not yet in shared-model's registry). */
  public EnvelopeMessageConverter(Map<String, Class<?>> extraTypes) {
    Map<String, Class<?>> all = new HashMap<>(MessageTypes.all());
    all.putAll(extraTypes);
    this.types = Map.copyOf(all);
  }

  @Override
  public Message toMessage(Object object, MessageProperties properties) {
    if (!(object instanceof Envelope<?> envelope)) {
      throw new MessageConversionException("only envelopes are sent, got " + object.getClass().getName());
    }
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setContentEncoding(StandardCharsets.UTF_8.name());
    properties.setMessageId(envelope.messageId().toString());
    properties.setType(envelope.type());
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    return new Message(MessageJson.write(envelope), properties);
  }

  @Override
  public Object fromMessage(Message message) {
    byte[] body = message.getBody();
    try {
      String type = MessageJson.typeOf(body);
      Class<?> payloadType = type == null ? null : types.get(type);
      if (payloadType == null) {
        throw new MessageConversionException("unknown message type '" + type + "'");
      }
      return MessageJson.read(body, payloadType);
    } catch (MessageJsonException e) {
      throw new MessageConversionException(e.getMessage(), e);
    }
  }
}
