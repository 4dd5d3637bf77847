package org.faxserver.deployment;

import java.util.List;

/** The five Java services (Maven modules, image names, container names). */
final class Services {

  private Services() {}

  static final List<String> ALL = List.of("api-service", "fax-router", "fax-queue", "esl-gateway", "notifier-service");

  /** Services that mount the shared document/spool volume. */
  static final List<String> USING_SPOOL = List.of("api-service", "esl-gateway", "notifier-service");

  static final String SPOOL = "/var/spool/faxserver";
}
