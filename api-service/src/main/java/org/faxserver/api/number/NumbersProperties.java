package org.faxserver.api.number;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code faxserver.numbers.*}: region used to read numbers written without a leading '+'. */
@ConfigurationProperties("faxserver.numbers")
public record NumbersProperties(@DefaultValue("US") String defaultRegion) {
}
