package org.faxserver.queue;

import org.faxserver.support.ServiceSupportConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** fax-queue: jobs, attempts, retries, failover, call limits, circuit breaking, fallback memory. */
@SpringBootApplication
@Import(ServiceSupportConfiguration.class)
public class FaxQueueApplication {

  public static void main(String[] args) {
    SpringApplication.run(FaxQueueApplication.class, args);
  }
}
