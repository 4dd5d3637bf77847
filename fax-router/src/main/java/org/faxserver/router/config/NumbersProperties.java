package org.faxserver.router.config;

import org.faxserver.model.PhoneNumber;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code faxserver.numbers.*}.
 *
 * @param defaultRegion ISO 3166 region for directory numbers stored without a country code (the
 *                      schema requires E.164, so this only matters for rows written around it);
 *                      default US
 */
@ConfigurationProperties("faxserver.numbers")
public record NumbersProperties(String defaultRegion) {

  public NumbersProperties {
    defaultRegion = defaultRegion == null ? "US" : defaultRegion;
    if (!PhoneNumber.isValidRegion(defaultRegion)) {
      throw new IllegalArgumentException(
          "faxserver.numbers.default-region '" + defaultRegion + "' is not an ISO 3166 region");
    }
  }
}
