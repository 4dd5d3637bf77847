package org.faxserver.gateway.send.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * What this node's FreeSWITCH mod_db says about a destination: whether it is on the softmodem
 * fallback list ({@code fallback/<number>}) and which channel variables ops override for it
 * ({@code override-<number>/<variable>}).
 *
 * @param fallback  the number is on the fallback list: T.38 off
 * @param overrides variable name → value, applied last to the dial string
 */
public record DestinationSettings(boolean fallback, Map<String, String> overrides) {

  public DestinationSettings {
    overrides = overrides == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(overrides));
  }

  /** Nothing known about the destination. */
  public static DestinationSettings none() {
    return new DestinationSettings(false, Map.of());
  }
}
