package org.faxserver.support;

import java.util.Map;

/**
 * Message types a service consumes that shared-model's {@code MessageTypes} registry does not list
 * (yet). Declare one as a bean; {@link ServiceSupportConfiguration} adds them to the envelope converter.
 *
 * @param types envelope type → payload class
 */
public record ExtraMessageTypes(Map<String, Class<?>> types) {

  public ExtraMessageTypes {
    types = Map.copyOf(types);
  }
}
