package org.faxserver.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/** Errors shaped as r2dbc-postgresql and Spring report them (ServiceSupportIntegrationTest has real ones). */
class DependencyOutageTest {

  @Test
  void anUnreachableDatabaseOrBrokerIsAnOutageHoweverDeepTheCause() {
    // a connection that could not be made: no SQLSTATE, a refused connection beneath
    assertThat(DependencyOutage.isOutage(new IllegalStateException("listener failed",
        new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
            new R2dbcNonTransientResourceException("Cannot connect", new ConnectException("refused")))))).isTrue();
    assertThat(DependencyOutage.isOutage(new R2dbcNonTransientResourceException("Cannot connect"))).isTrue();
    // PostgreSQL shutting down (57P01) or not yet accepting connections (57P03), a broken connection (08006)
    assertThat(DependencyOutage.isOutage(new R2dbcNonTransientResourceException("terminating", "57P01"))).isTrue();
    assertThat(DependencyOutage.isOutage(new R2dbcNonTransientResourceException("starting up", "57P03"))).isTrue();
    assertThat(DependencyOutage.isOutage(new R2dbcNonTransientResourceException("connection failure", "08006")))
        .isTrue();
  }

  @Test
  void aFailureOfTheMessageItselfIsNotEvenWhenTheDriverCallsItAResourceError() {
    assertThat(DependencyOutage.isOutage(new IllegalStateException("poison"))).isFalse();
    assertThat(DependencyOutage.isOutage(new DataIntegrityViolationException("duplicate",
        new R2dbcDataIntegrityViolationException("duplicate key", "23505")))).isFalse();
    // r2dbc-postgresql's fallback type for SQLSTATEs it does not map: RAISE EXCEPTION, a dropped database, ...
    assertThat(DependencyOutage.isOutage(new DataAccessResourceFailureException("failed",
        new R2dbcNonTransientResourceException("raised", "P0001")))).isFalse();
    assertThat(DependencyOutage.isOutage(new R2dbcNonTransientResourceException("database dropped", "57P04")))
        .isFalse();
  }
}
