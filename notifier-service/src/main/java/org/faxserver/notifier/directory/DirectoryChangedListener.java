package org.faxserver.notifier.directory;

import java.util.Objects;
import org.faxserver.support.CachedSnapshot;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.context.ApplicationListener;

/**
 * Drops the directory cache on every {@code directory.changed} (even an unreadable one: a needless
 * reload is cheap) and whenever the per-instance queue is (re)consumed, since notices published while
 * it was gone were lost (same reasoning as fax-router's listener).
 */
public final class DirectoryChangedListener implements MessageListener, ApplicationListener<ConsumeOkEvent> {

  private final CachedSnapshot<NotifyDirectory> directory;
  private final String queue;

  public DirectoryChangedListener(CachedSnapshot<NotifyDirectory> directory, String queue) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.queue = Objects.requireNonNull(queue, "queue");
  }

  @Override
  public void onMessage(Message message) {
    directory.invalidate("directory.changed");
  }

  @Override
  public void onApplicationEvent(ConsumeOkEvent event) {
    if (queue.equals(event.getQueue())) {
      directory.invalidate("consuming " + queue);
    }
  }
}
