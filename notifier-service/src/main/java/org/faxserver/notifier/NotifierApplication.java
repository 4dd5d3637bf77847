package org.faxserver.notifier;

import org.faxserver.support.ServiceSupportConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** notifier-service: fax documents to email/webhook endpoints, receipts, signed and retried. */
@SpringBootApplication
@Import(ServiceSupportConfiguration.class)
public class NotifierApplication {

  public static void main(String[] args) {
    SpringApplication.run(NotifierApplication.class, args);
  }
}
