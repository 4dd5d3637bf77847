package org.faxserver.router;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * fax-router: turns {@code job.submitted} into {@code job.routed} (the delivery plan) from the
 * directory that api-service owns. Stateless: it reads the directory, writes nothing.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FaxRouterApplication {

  public static void main(String[] args) {
    SpringApplication.run(FaxRouterApplication.class, args);
  }
}
