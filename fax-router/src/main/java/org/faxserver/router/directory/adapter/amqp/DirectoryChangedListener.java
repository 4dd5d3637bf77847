package org.faxserver.router.directory.adapter.amqp;

import java.util.Objects;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.MessageJsonException;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.support.CachedSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.context.ApplicationListener;

/**
 * Drops the cached directory on every {@code directory.changed}. Even a notice it cannot read drops
 * the cache: a needless reload costs three queries, a missed one routes with stale endpoints.
 *
 * <p>Also drops it each time the broker confirms a consumer on the per-instance queue
 * ({@link ConsumeOkEvent} for that queue): the queue is auto-delete, so notices published while it
 * was gone were never queued for us. This must not happen earlier, e.g. when the connection is
 * created: the queue and its binding are declared again only after that, and a notice published in
 * between would be missed until {@code directory-max-age}. A consume-ok comes after the container
 * has (re)declared the queue and its binding, so every later notice reaches the queue, and an
 * earlier one is covered by this reload.
 */
public final class DirectoryChangedListener
    implements MessageListener, ApplicationListener<ConsumeOkEvent> {

  private static final Logger log = LoggerFactory.getLogger(DirectoryChangedListener.class);

  private final CachedSnapshot<Directory> directory;
  private final String queue;

  /**
   * @param queue name of the per-instance queue this listener consumes; consume-oks of other
   *              containers' queues are ignored
   */
  public DirectoryChangedListener(CachedSnapshot<Directory> directory, String queue) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.queue = Objects.requireNonNull(queue, "queue");
  }

  @Override
  public void onMessage(Message message) {
    directory.invalidate(describe(message.getBody()));
  }

  /** The broker accepted a consumer: on our queue, notices may have been missed while it was gone. */
  @Override
  public void onApplicationEvent(ConsumeOkEvent event) {
    if (queue.equals(event.getQueue())) {
      directory.invalidate("consuming " + queue + " (again); notices may have been missed");
    }
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
