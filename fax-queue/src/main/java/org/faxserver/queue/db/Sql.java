package org.faxserver.queue.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.r2dbc.spi.Parameters;
import java.util.StringJoiner;
import org.faxserver.model.messaging.MessageJson;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Small helpers for the R2DBC adapters: nullable binds and JSON columns in the message JSON form. */
public final class Sql {

  private Sql() {}

  /**
   * {@code count} rows for a multi-row VALUES list, comma-separated: {@code row} with each {@code #} replaced by the
   * row's index, so that row {@code i} binds {@code :name0}, {@code :name1}, ...
   */
  public static String valuesRows(String row, int count) {
    StringJoiner rows = new StringJoiner(", ");
    for (int i = 0; i < count; i++) {
      rows.add(row.replace("#", String.valueOf(i)));
    }
    return rows.toString();
  }

  /** Binds {@code value}, or a typed null (R2DBC cannot bind an untyped null). */
  public static GenericExecuteSpec bind(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
    return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
  }

  /**
   * {@code value}, or a typed null, for {@link GenericExecuteSpec#bindValues}: statements with many values bind them
   * all at once, because each single {@code bind} copies every binding made before it.
   */
  public static Object orNull(Object value, Class<?> type) {
    return value != null ? value : Parameters.in(type);
  }

  /** JSON text of a value (same mapper as messages), or null. */
  public static String json(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return MessageJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  public static <T> T fromJson(String json, Class<T> type) {
    if (json == null) {
      return null;
    }
    try {
      return MessageJson.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read " + type.getSimpleName() + " from stored JSON", e);
    }
  }
}
