package org.faxserver.model.messaging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The JSON form of messages: one configuration for every service so producers and consumers agree.
 *
 * <p>Instants and durations are ISO-8601 strings. Unknown properties are ignored and unknown enum
 * values fall back to the enum's {@code @JsonEnumDefaultValue} (e.g. {@code UNKNOWN}), so a consumer
 * keeps working when a producer adds fields (tolerant reader).
 */
public final class MessageJson {

  private static final ObjectMapper MAPPER = newObjectMapper();

  private MessageJson() {}

  /** A freshly configured mapper, for callers that want to add their own modules. */
  public static ObjectMapper newObjectMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        .build();
  }

  /** The shared mapper. Thread-safe; do not reconfigure it (use {@link #newObjectMapper()}). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The Jackson type of {@code Envelope<payloadType>}. */
  public static JavaType envelopeType(Class<?> payloadType) {
    return MAPPER.getTypeFactory().constructParametricType(Envelope.class, payloadType);
  }

  /** Writes an envelope as UTF-8 JSON bytes (the AMQP message body). */
  public static byte[] write(Envelope<?> envelope) {
    try {
      return MAPPER.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new MessageJsonException("cannot write " + envelope.type() + " message", e);
    }
  }

  /** Writes an envelope as a JSON string. */
  public static String writeString(Envelope<?> envelope) {
    try {
      return MAPPER.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new MessageJsonException("cannot write " + envelope.type() + " message", e);
    }
  }

  /** Reads an envelope whose payload is {@code payloadType}. */
  public static <T> Envelope<T> read(byte[] json, Class<T> payloadType) {
    try {
      return MAPPER.readValue(json, envelopeType(payloadType));
    } catch (IOException e) {
      throw new MessageJsonException("cannot read " + payloadType.getSimpleName() + " message", e);
    }
  }

  /** Reads an envelope whose payload is {@code payloadType}. */
  public static <T> Envelope<T> read(String json, Class<T> payloadType) {
    try {
      return MAPPER.readValue(json, envelopeType(payloadType));
    } catch (IOException e) {
      throw new MessageJsonException("cannot read " + payloadType.getSimpleName() + " message", e);
    }
  }

  /**
   * Reads an envelope of any type listed in {@link MessageTypes}, for consumers that take several
   * types from one queue.
   *
   * @throws MessageJsonException if the JSON is unreadable or its type is not known
   */
  public static Envelope<?> readKnown(byte[] json) {
    String type = typeOf(json);
    Class<?> payloadType =
        MessageTypes.payloadClass(type)
            .orElseThrow(
                () -> new MessageJsonException("unknown message type '" + type + "'", null));
    return read(json, payloadType);
  }

  /**
   * The envelope's {@code type} without reading the payload, so a consumer can pick the payload class
   * (or reject the message) first. Returns null if the field is missing. Reads tokens only up to the
   * field (the second one our envelopes write), skipping the values before it, instead of a whole tree:
   * every delivery is read twice, this and then as its payload class.
   */
  public static String typeOf(byte[] json) {
    try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean isType = "type".equals(parser.currentName());
        JsonToken value = parser.nextToken();
        if (isType) {
          return value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      throw new MessageJsonException("cannot read message type", e);
    }
  }
}
