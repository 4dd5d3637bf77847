package org.faxserver.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * esl-gateway: the telephony adapter, one per FreeSWITCH node. Sending side: consumes
 * {@code fax.originate}, dials with {@code bgapi originate … &txfax(…)}, follows the call over the
 * Event Socket and publishes {@code attempt.progress} and {@code attempt.finished}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EslGatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(EslGatewayApplication.class, args);
  }
}
