package org.faxserver.gateway.config;

import java.time.Duration;
import org.faxserver.model.PhoneNumber;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.faxing.*} and {@code faxserver.numbers.*}: the seed's receive keys.
 *
 * @param answerAfter                   ring this long before answering ({@code answer_after}; plain
 *                                      numbers are milliseconds); 0 = answer at once
 * @param waitTime                      silence after answering ({@code wait_time}); 0 = none
 * @param recipientFromDiversionHeader  the fax is for the Diversion header's number when there is one
 * @param defaultRegion                 region for numbers without a country code (SIP users are often
 *                                      national)
 */
@ConfigurationProperties("faxserver.faxing")
public record FaxingProperties(
    @DefaultValue("0ms") Duration answerAfter,
    @DefaultValue("0ms") Duration waitTime,
    @DefaultValue("false") boolean recipientFromDiversionHeader,
    @DefaultValue("US") String defaultRegion) {

  public FaxingProperties {
    if (!PhoneNumber.isValidRegion(defaultRegion)) {
      throw new IllegalArgumentException("faxserver.faxing.default-region '" + defaultRegion + "' is no ISO region");
    }
  }
}
