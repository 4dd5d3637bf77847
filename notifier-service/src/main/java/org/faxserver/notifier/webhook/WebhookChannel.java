package org.faxserver.notifier.webhook;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.faxserver.notifier.channel.Attachments;
import org.faxserver.notifier.channel.DeliveryChannel;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.TryOutcome;
import org.faxserver.notifier.webhook.CheckedAddressResolverGroup.RefusedAddress;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * HTTP POST to a webhook (Reactor Netty's client): JSON or multipart ({@link WebhookBody}), the stable
 * {@value WebhookSignature#EVENT_ID_HEADER} (the delivery id, the same on every retry), the
 * {@value WebhookSignature#TIMESTAMP_HEADER} and, when there is a secret,
 * {@value WebhookSignature#SIGNATURE_HEADER}. Redirects are not followed. The target is refused when
 * {@link TargetAddressPolicy} says so: checked before the request is built (which covers IP literals),
 * and again on the very addresses the client connects to ({@link CheckedAddressResolverGroup}), so a
 * name that answers differently the second time (DNS rebinding) cannot reach a private address.
 */
public final class WebhookChannel implements DeliveryChannel, AutoCloseable {

  public static final String NAME = "webhook";

  /** Name resolution, replaceable in tests. */
  public interface HostResolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  private final HttpClient client;
  private final Duration requestTimeout;
  private final ExecutorService lookups;
  private final ConnectionProvider connections;
  private final CheckedAddressResolverGroup resolution;
  private final WebhookSettings.Source settings;
  private final Attachments attachments;
  private final String userAgent;
  private final Clock clock;

  public WebhookChannel(Duration connectTimeout, Duration requestTimeout, TargetAddressPolicy policy,
      HostResolver resolver, WebhookSettings.Source settings, Attachments attachments, String userAgent,
      Clock clock) {
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.lookups = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "webhook-dns");
      t.setDaemon(true);
      return t;
    });
    this.resolution = new CheckedAddressResolverGroup(Objects.requireNonNull(resolver, "resolver"),
        Objects.requireNonNull(policy, "policy"), lookups);
    // idle connections are closed before receivers typically drop theirs, so a reused one is rarely dead
    this.connections = ConnectionProvider.builder("webhooks")
        .maxIdleTime(Duration.ofSeconds(20))
        .evictInBackground(Duration.ofSeconds(30))
        .build();
    this.client = HttpClient.create(connections)
        .resolver(resolution)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()))
        .followRedirect(false);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.attachments = Objects.requireNonNull(attachments, "attachments");
    this.userAgent = userAgent;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public static HostResolver systemResolver() {
    return host -> Arrays.asList(InetAddress.getAllByName(host));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TryOutcome deliver(DeliveryTask task) {
    URI uri;
    try {
      uri = new URI(task.target());
    } catch (URISyntaxException e) {
      return TryOutcome.permanentFailure(null, "invalid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return TryOutcome.permanentFailure(null, "not an http(s) URL: " + task.target());
    }
    try {
      resolution.checked(uri.getHost());
    } catch (RefusedAddress e) {
      return TryOutcome.permanentFailure(null, "refused: " + e.getMessage());
    } catch (UnknownHostException e) {
      return TryOutcome.transientFailure(null, "unknown host " + uri.getHost());
    }
    Optional<WebhookSettings> how = settings.settingsFor(task);
    if (how.isEmpty()) {
      return TryOutcome.permanentFailure(null, "webhook endpoint " + task.endpointId() + " no longer exists");
    }
    Attachments.Result files = attachments.of(task);
    if (files instanceof Attachments.Result.Failed failed) {
      return failed.outcome();
    }
    WebhookBody.Encoded body = WebhookBody.encode(task, ((Attachments.Result.Ready) files).files(),
        how.get().multipart());
    long timestamp = clock.instant().getEpochSecond();
    byte[] bytes = body.bytes();
    String signature = how.get().signed() ? WebhookSignature.sign(how.get().secret(), timestamp, bytes) : null;
    try {
      Integer status = client
          .headers(h -> {
            h.set(HttpHeaderNames.CONTENT_TYPE, body.contentType())
                .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(WebhookSignature.EVENT_ID_HEADER, task.id().toString())
                .set(WebhookSignature.EVENT_HEADER, task.notice().event().wireName())
                .set(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
            if (userAgent != null && !userAgent.isBlank()) {
              h.set(HttpHeaderNames.USER_AGENT, userAgent);
            }
            if (signature != null) {
              h.set(WebhookSignature.SIGNATURE_HEADER, signature);
            }
          })
          .post()
          .uri(uri)
          .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes)))
          // the body is read and dropped, so the connection can be reused
          .response((response, content) -> content.then(Mono.just(response.status().code())))
          .next()
          .timeout(requestTimeout)
          .block();
      return HttpStatusRule.judge(Objects.requireNonNull(status, "no response"));
    } catch (RuntimeException e) {
      return failure(Exceptions.unwrap(e));
    }
  }

  /** Closes the connection pool, the lookup threads and the resolvers. */
  @Override
  public void close() {
    connections.dispose();
    resolution.close();
    lookups.shutdownNow();
  }

  private TryOutcome failure(Throwable error) {
    Throwable t = error;
    for (int depth = 0; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof RefusedAddress refused) {
        return TryOutcome.permanentFailure(null, "refused: " + refused.getMessage());
      }
      if (t instanceof TimeoutException) {
        return TryOutcome.transientFailure(null, "timeout after " + requestTimeout);
      }
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return TryOutcome.transientFailure(null, "interrupted");
      }
    }
    return TryOutcome.transientFailure(null, "network error: " + error);
  }
}
