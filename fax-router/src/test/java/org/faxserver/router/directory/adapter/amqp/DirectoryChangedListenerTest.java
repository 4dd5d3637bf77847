package org.faxserver.router.directory.adapter.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.directory.DirectoryEntity;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.support.CachedSnapshot;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import reactor.core.publisher.Mono;

class DirectoryChangedListenerTest {

  private final CachedSnapshot<Directory> cache =
      new CachedSnapshot<>("Directory", () -> Mono.just(Directory.empty()), Duration.ofHours(1), true,
          Clock.systemUTC());
  private final DirectoryChangedListener listener =
      new DirectoryChangedListener(cache, "fax-router.directory.changed.abc");

  @Test
  void aChangeNoticeDropsTheCachedSnapshot() {
    cache.current().block();
    Envelope<DirectoryChanged> notice = Envelope.of(DirectoryChanged.TYPE, DirectoryChanged.VERSION, null,
        DirectoryChanged.updated(DirectoryEntity.ENDPOINT, "7"), Clock.systemUTC());

    listener.onMessage(new Message(MessageJson.write(notice), new MessageProperties()));
    cache.current().block();

    assertThat(cache.loadCount()).isEqualTo(2);
  }

  @Test
  void anUnreadableNoticeStillDropsIt() {
    cache.current().block();

    listener.onMessage(new Message("{not json".getBytes(StandardCharsets.UTF_8), new MessageProperties()));
    cache.current().block();

    assertThat(cache.loadCount()).isEqualTo(2);
  }

  @Test
  void aConsumerStartedOnItsQueueDropsIt() {
    // After a reconnect the auto-delete queue is declared again; notices sent meanwhile were lost.
    cache.current().block();

    listener.onApplicationEvent(new ConsumeOkEvent(this, "fax-router.directory.changed.abc", "tag-1"));
    cache.current().block();

    assertThat(cache.loadCount()).isEqualTo(2);
  }

  @Test
  void aConsumerStartedOnAnotherQueueDoesNot() {
    cache.current().block();

    listener.onApplicationEvent(new ConsumeOkEvent(this, "fax-router.job.submitted", "tag-2"));
    cache.current().block();

    assertThat(cache.loadCount()).isEqualTo(1);
  }
}
