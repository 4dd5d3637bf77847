package org.faxserver.standalone;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.standalone.*}: what the all-in-one mode starts. Everything else (ports, FreeSWITCH,
 * retry rules, external broker/database connections) is the services' own configuration, passed through.
 *
 * @param dataDir          root of everything kept between runs: PostgreSQL data, broker store, documents,
 *                         the generated admin key, sandbox credentials
 * @param broker           {@code embedded} (Qpid Broker-J in this JVM) or {@code external} (spring.rabbitmq.*)
 * @param database         {@code embedded} (PostgreSQL binaries started by this JVM) or {@code external}
 *                         (spring.r2dbc.* and spring.flyway.*)
 * @param sandbox          start the FreeSWITCH stand-in in this JVM and seed a sandbox tenant
 * @param embeddedBrokerPort   AMQP port of the embedded broker on 127.0.0.1; 0 = a free port at each start
 * @param embeddedDatabasePort PostgreSQL port on localhost; 0 = a free port at each start
 * @param embeddedDatabaseStartupWait how long to wait for the embedded PostgreSQL to accept connections
 * @param sandboxFax       how the sandbox's far end handles faxes
 * @param sandboxFromNumber the sandbox tenant's number (the sender)
 * @param sandboxTestNumber the number to fax in the sandbox: the stand-in answers it (and every other number)
 * @param sandboxUsername  the sandbox tenant's user
 * @param notifier         start notifier-service when its classes are present ({@code auto}) or never ({@code off})
 */
@ConfigurationProperties("faxserver.standalone")
public record StandaloneProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("embedded") Mode broker,
    @DefaultValue("embedded") Mode database,
    @DefaultValue("false") boolean sandbox,
    @DefaultValue("0") int embeddedBrokerPort,
    @DefaultValue("0") int embeddedDatabasePort,
    @DefaultValue("60s") Duration embeddedDatabaseStartupWait,
    @DefaultValue("auto") SandboxFax sandboxFax,
    @DefaultValue("+12125550100") String sandboxFromNumber,
    @DefaultValue("+12125550199") String sandboxTestNumber,
    @DefaultValue("sandbox") String sandboxUsername,
    @DefaultValue("auto") Notifier notifier) {

  public enum Mode { EMBEDDED, EXTERNAL }

  public enum Notifier { AUTO, OFF }

  /** How the sandbox's far end handles faxes. */
  public enum SandboxFax {
    /** the real spandsp T.30 engine when gcc + libspandsp-dev can build the helper, else scripted */
    AUTO,
    /** the real T.30 engine; start fails without libspandsp-dev */
    NATIVE,
    /** fixed results on timers (no T.30 engine): every fax succeeds after a few seconds */
    SCRIPTED
  }

  Path resolvedDataDir() {
    return dataDir.toAbsolutePath().normalize();
  }
}
