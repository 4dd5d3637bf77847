package org.faxserver.gateway.send.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.faxserver.gateway.send.model.DestinationSettings;

/** An in-memory FreeSWITCH node: remembers what it was asked and answers from its state. */
final class FakeFreeSwitch implements FreeSwitch {

  volatile boolean ready = true;
  volatile boolean originateFails;
  /** Runs when {@code show channels} is asked, to interleave something with a reconciliation. */
  volatile Runnable onShowChannels = () -> { };
  final List<String> originates = new CopyOnWriteArrayList<>();
  final List<UUID> kills = new CopyOnWriteArrayList<>();
  final Map<String, String> fallbackList = new HashMap<>();
  final Map<String, Map<String, String>> overrides = new HashMap<>();
  /** Channels FreeSWITCH has, with their variables. */
  final Map<UUID, Map<String, String>> channels = new HashMap<>();

  @Override
  public boolean isReady() {
    return ready;
  }

  @Override
  public CompletableFuture<DestinationSettings> destinationSettings(String dialledNumber) {
    return done(new DestinationSettings(fallbackList.containsKey(dialledNumber),
        overrides.getOrDefault(dialledNumber, Map.of())));
  }

  @Override
  public CompletableFuture<Void> originate(String originateCommand, String jobUuid) {
    originates.add(originateCommand);
    return originateFails ? CompletableFuture.failedFuture(new IllegalStateException("connection lost"))
        : done(null);
  }

  @Override
  public CompletableFuture<Boolean> kill(UUID channel) {
    kills.add(channel);
    return done(channels.remove(channel) != null);
  }

  @Override
  public CompletableFuture<Boolean> exists(UUID channel) {
    return done(channels.containsKey(channel));
  }

  @Override
  public CompletableFuture<List<UUID>> outboundChannels() {
    onShowChannels.run();
    return done(new ArrayList<>(channels.keySet()));
  }

  @Override
  public CompletableFuture<String> variable(UUID channel, String name) {
    return done(channels.getOrDefault(channel, Map.of()).get(name));
  }

  @Override
  public CompletableFuture<Void> learnFallback(String dialledNumber, long unixTime) {
    fallbackList.put(dialledNumber, Long.toString(unixTime));
    return done(null);
  }

  Set<String> fallbackNumbers() {
    return new HashSet<>(fallbackList.keySet());
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
