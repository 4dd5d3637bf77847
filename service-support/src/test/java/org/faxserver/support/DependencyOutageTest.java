package org.faxserver.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

class DependencyOutageTest {

  @Test
  void anUnreachableDatabaseOrBrokerIsAnOutageHoweverDeepTheCause() {
    assertThat(DependencyOutage.isOutage(new IllegalStateException("listener failed",
        new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
            new R2dbcNonTransientResourceException("Cannot connect", new ConnectException("refused")))))).isTrue();
    assertThat(DependencyOutage.isOutage(new ConnectException("refused"))).isTrue();
    // PostgreSQL shutting down (57P01) or not yet accepting connections (57P03), a broken connection (08006)
    assertThat(DependencyOutage.isOutage(new R2dbcBadGrammarException("terminating connection", "57P01"))).isTrue();
    assertThat(DependencyOutage.isOutage(new R2dbcBadGrammarException("starting up", "57P03"))).isTrue();
    assertThat(DependencyOutage.isOutage(new R2dbcBadGrammarException("connection failure", "08006"))).isTrue();
  }

  @Test
  void aFailureOfTheMessageItselfIsNot() {
    assertThat(DependencyOutage.isOutage(new IllegalStateException("poison"))).isFalse();
    assertThat(DependencyOutage.isOutage(new DataIntegrityViolationException("duplicate",
        new R2dbcDataIntegrityViolationException("duplicate key", "23505")))).isFalse();
    assertThat(DependencyOutage.isOutage(new R2dbcBadGrammarException("syntax error", "42601"))).isFalse();
    assertThat(DependencyOutage.isOutage(new R2dbcBadGrammarException("database dropped", "57P04"))).isFalse();
  }
}
