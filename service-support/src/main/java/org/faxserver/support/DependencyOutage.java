package org.faxserver.support;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;

/**
 * Whether a failure means a service this one depends on (PostgreSQL, the broker) cannot be reached, rather than
 * that the message is bad. Such a message is not parked however often it fails: parking would stall every fax
 * that arrived during a database restart until someone moved it back by hand. It goes back to its queue and is
 * tried again (see {@link ParkingRecoverer}).
 */
public final class DependencyOutage {

  private static final Logger log = LoggerFactory.getLogger(DependencyOutage.class);
  private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03");

  private DependencyOutage() {
  }

  /**
   * A refused, unroutable or closed connection anywhere in the cause chain; an R2DBC error decides by its SQLSTATE
   * when it has one (r2dbc-postgresql reports many server errors, a RAISE EXCEPTION included, as a "resource"
   * exception, so the type alone would let a poison message loop forever), by its type only when it has none (a
   * connection that could not be made). Spring's wrappers ("Failed to obtain R2DBC Connection") are looked
   * through. A database that does not answer at all shows as a timeout, which is not counted: such a message is
   * parked after its tries like any other failure.
   */
  public static boolean isOutage(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof ClosedChannelException
          || t instanceof AmqpConnectException) {
        return true;
      }
      if (t instanceof R2dbcException r2dbc) {
        if (r2dbc.getSqlState() != null) {
          return isOutageState(r2dbc.getSqlState());
        }
        if (r2dbc instanceof R2dbcNonTransientResourceException || r2dbc instanceof R2dbcTransientResourceException) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * For recoverers that park: throws when {@code failure} is an outage, so the listener container puts the message
   * ({@code what}) back on its queue instead.
   */
  public static void refuseToPark(String what, Throwable failure) {
    if (isOutage(failure)) {
      log.warn("not parking {}: a dependency is unreachable ({}); back to the queue", what, failure.toString());
      throw new AmqpException("not parked during an outage; requeued", failure);
    }
  }

  /**
   * SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server is shutting down, crashed, or not yet
   * accepting connections).
   */
  static boolean isOutageState(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || OUTAGE_STATES.contains(sqlState));
  }
}
