package org.faxserver.gateway.receive.adapter.esl;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.faxserver.esl.OutboundSession;
import org.faxserver.esl.SessionEnd;
import org.faxserver.gateway.receive.application.CallChannel;
import org.faxserver.gateway.send.model.ChannelEvent;

/**
 * A {@link CallChannel} over an esl-client {@link OutboundSession}: {@code linger <n>},
 * {@code myevents} and {@code event plain CUSTOM spandsp::rxfax*} (myevents does not include CUSTOM).
 */
public final class EslCallChannel implements CallChannel {

  /** mod_spandsp's receiving events. */
  public static final List<String> SUBCLASSES = List.of("spandsp::rxfaxnegociateresult",
      "spandsp::rxfaxpageresult", "spandsp::rxfaxresult");

  private final OutboundSession session;
  private final int lingerSeconds;

  public EslCallChannel(OutboundSession session, int lingerSeconds) {
    this.session = Objects.requireNonNull(session);
    this.lingerSeconds = lingerSeconds;
  }

  @Override
  public ChannelEvent channelData() {
    return session.channelData()::header;
  }

  @Override
  public CompletableFuture<Void> follow(Consumer<ChannelEvent> listener) {
    session.eventListener(event -> listener.accept(event::header));
    return session.linger(lingerSeconds)
        .thenCompose(v -> session.myevents())
        .thenCompose(v -> session.subscribe(List.of(), SUBCLASSES));
  }

  @Override
  public CompletableFuture<Void> execute(String app, String arg, boolean eventLock) {
    return session.execute(app, arg == null || arg.isEmpty() ? null : arg, eventLock).thenApply(e -> null);
  }

  @Override
  public CompletableFuture<Boolean> ended() {
    return session.ended().thenApply(end -> end.reason() == SessionEnd.Reason.HANGUP_LINGER);
  }

  @Override
  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return session.toString();
  }
}
