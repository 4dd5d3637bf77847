package org.faxserver.router.directory.adapter.amqp;

import java.util.Objects;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.MessageJsonException;
import org.faxserver.router.directory.application.CachedDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

/**
 * Drops the cached directory on every {@code directory.changed}. Even a notice it cannot read drops
 * the cache: a needless reload costs three queries, a missed one routes with stale endpoints.
 *
 * <p>Also drops it whenever the broker connection is (re)opened: the per-instance queue is
 * auto-delete, so notices published while the connection was down were never queued for us.
 */
public final class DirectoryChangedListener implements MessageListener, ConnectionListener {

  private static final Logger log = LoggerFactory.getLogger(DirectoryChangedListener.class);

  private final CachedDirectory directory;

  public DirectoryChangedListener(CachedDirectory directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  @Override
  public void onMessage(Message message) {
    directory.invalidate(describe(message.getBody()));
  }

  @Override
  public void onCreate(Connection connection) {
    directory.invalidate("broker connection opened; notices may have been missed");
  }

  private static String describe(byte[] body) {
    try {
      DirectoryChanged change = MessageJson.read(body, DirectoryChanged.class).payload();
      return change.entity() + " " + change.entityId() + " " + change.change();
    } catch (MessageJsonException | IllegalArgumentException e) {
      log.warn("Unreadable directory.changed ({}); dropping the directory cache anyway", e.getMessage());
      return "unreadable notice";
    }
  }
}
