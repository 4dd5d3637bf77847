package org.faxserver.notifier.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.faxserver.notifier.channel.Attachments;
import org.faxserver.notifier.channel.DeliveryChannel;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.TryOutcome;

/**
 * HTTP POST to a webhook with the JDK client: JSON or multipart ({@link WebhookBody}), the stable
 * {@value WebhookSignature#EVENT_ID_HEADER} (the delivery id, the same on every retry), the
 * {@value WebhookSignature#TIMESTAMP_HEADER} and, when there is a secret,
 * {@value WebhookSignature#SIGNATURE_HEADER}. Redirects are not followed. The target host is
 * resolved first and refused when {@link TargetAddressPolicy} says so.
 */
public final class WebhookChannel implements DeliveryChannel {

  public static final String NAME = "webhook";

  /** Name resolution, replaceable in tests. */
  public interface HostResolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  private final HttpClient client;
  private final Duration requestTimeout;
  private final TargetAddressPolicy addresses;
  private final HostResolver resolver;
  private final WebhookSettings.Source settings;
  private final Attachments attachments;
  private final String userAgent;
  private final Clock clock;

  public WebhookChannel(HttpClient client, Duration requestTimeout, TargetAddressPolicy addresses,
      HostResolver resolver, WebhookSettings.Source settings, Attachments attachments, String userAgent,
      Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
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
      Optional<String> refused = addresses.refusal(uri.getHost(), resolver.resolve(uri.getHost()));
      if (refused.isPresent()) {
        return TryOutcome.permanentFailure(null, "refused: " + refused.get());
      }
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
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(requestTimeout)
        .header("Content-Type", body.contentType())
        .header(WebhookSignature.EVENT_ID_HEADER, task.id().toString())
        .header(WebhookSignature.EVENT_HEADER, task.notice().event().wireName())
        .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    if (userAgent != null && !userAgent.isBlank()) {
      request.header("User-Agent", userAgent);
    }
    if (how.get().signed()) {
      request.header(WebhookSignature.SIGNATURE_HEADER,
          WebhookSignature.sign(how.get().secret(), timestamp, body.bytes()));
    }
    try {
      HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return HttpStatusRule.judge(response.statusCode());
    } catch (HttpTimeoutException e) {
      return TryOutcome.transientFailure(null, "timeout after " + requestTimeout);
    } catch (IOException e) {
      return TryOutcome.transientFailure(null, "network error: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TryOutcome.transientFailure(null, "interrupted");
    }
  }
}
