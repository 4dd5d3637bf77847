package org.faxserver.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker listens on loopback: only this start's random password logs in. */
class EmbeddedBrokerTest {

  @TempDir
  Path data;

  @Test
  void onlyThisStartsPasswordLogsIn() throws Exception {
    String first;
    try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0)) {
      first = broker.password();
      assertLogin(broker, EmbeddedBroker.USERNAME, first);
      assertRefused(broker, "guest", "guest");
    }
    try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0)) {
      assertThat(broker.password()).isNotEqualTo(first);
      assertLogin(broker, EmbeddedBroker.USERNAME, broker.password());
      assertRefused(broker, EmbeddedBroker.USERNAME, first);
      assertRefused(broker, "guest", "guest");
    }
  }

  @Test
  void aStoreFromBeforeLosesGuestAndGetsTheUser() throws Exception {
    // what earlier versions configured: guest/guest only
    String before = EmbeddedBroker.INITIAL_CONFIG.replace("\"name\": \"{username}\"", "\"name\": \"guest\"")
        .replace("\"password\": \"{password}\"", "\"password\": \"guest\"");
    assertThat(before).contains("\"name\": \"guest\", \"type\": \"managed\", \"password\": \"guest\"");
    try (EmbeddedBroker broker = EmbeddedBroker.start(data, 0, before)) {
      assertLogin(broker, EmbeddedBroker.USERNAME, broker.password());
      assertRefused(broker, "guest", "guest");
    }
  }

  private static ConnectionFactory factory(EmbeddedBroker broker, String username, String password) {
    ConnectionFactory f = new ConnectionFactory();
    f.setHost("127.0.0.1");
    f.setPort(broker.port());
    f.setUsername(username);
    f.setPassword(password);
    f.setAutomaticRecoveryEnabled(false);
    return f;
  }

  private static void assertLogin(EmbeddedBroker broker, String username, String password) throws Exception {
    try (var connection = factory(broker, username, password).newConnection()) {
      assertThat(connection.isOpen()).isTrue();
    }
  }

  private static void assertRefused(EmbeddedBroker broker, String username, String password) {
    assertThatThrownBy(() -> factory(broker, username, password).newConnection().close())
        .isInstanceOf(PossibleAuthenticationFailureException.class);
  }
}
