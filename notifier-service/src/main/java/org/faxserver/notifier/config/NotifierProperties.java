package org.faxserver.notifier.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code faxserver.notifier.*}; every key is documented in docs/notifier-service.md.
 *
 * @param zone                 time zone of dates in emails and reports
 * @param directoryMaxAge      the directory cache is reloaded at the latest after this
 * @param maxAttachmentSize    larger fax documents are not attached (the delivery fails permanently)
 * @param jobDocumentRetention how long the document ref of a routed job is remembered for receipts
 * @param deliveryRetention    how long a finished (delivered or dead-lettered) delivery and its tries are kept
 *                             after it finished; a dead letter can be redelivered until then
 */
@ConfigurationProperties("faxserver.notifier")
public record NotifierProperties(
    @DefaultValue("UTC") String zone,
    @DefaultValue("5m") Duration directoryMaxAge,
    @DefaultValue("25MB") DataSize maxAttachmentSize,
    @DefaultValue("7d") Duration jobDocumentRetention,
    @DefaultValue("90d") Duration deliveryRetention,
    @DefaultValue Worker worker,
    @DefaultValue Retry retry,
    @DefaultValue Webhook webhook,
    @DefaultValue Email email) {

  public NotifierProperties {
    if (deliveryRetention.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("faxserver.notifier.delivery-retention must be at least 1h, was "
          + deliveryRetention);
    }
  }

  /**
   * @param pollInterval pause between polls for due deliveries when idle
   * @param concurrency  deliveries tried at once by this instance
   * @param claimLease   a claimed delivery not recorded within this is claimed again (crash safety);
   *                     must exceed the longest try
   */
  public record Worker(
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("4") int concurrency,
      @DefaultValue("5m") Duration claimLease) {}

  /**
   * @param documentSchedule pauses between tries of fax-queue's deliver.* commands; keep the total well
   *                         under fax-queue's attempt-timeout
   * @param receiptSchedule  pauses between tries of receipts (seconds to about three days)
   */
  public record Retry(
      @DefaultValue("5s,30s,2m,5m") List<Duration> documentSchedule,
      @DefaultValue("10s,1m,5m,30m,2h,6h,12h,24h,24h") List<Duration> receiptSchedule) {}

  /**
   * @param connectTimeout         TCP/TLS connect timeout
   * @param requestTimeout         whole-request timeout
   * @param refusePrivateAddresses refuse targets resolving to loopback/private/link-local addresses
   * @param receiptSigningSecret   HMAC key for receipt webhooks (notify strings carry no secret);
   *                               empty: receipts are not signed
   * @param userAgent              User-Agent header
   */
  public record Webhook(
      @DefaultValue("10s") Duration connectTimeout,
      @DefaultValue("30s") Duration requestTimeout,
      @DefaultValue("true") boolean refusePrivateAddresses,
      @DefaultValue("") String receiptSigningSecret,
      @DefaultValue("faxserver-notifier") String userAgent) {}

  /**
   * @param from            sender address
   * @param fromName        sender display name
   * @param messageIdDomain right-hand side of Message-IDs; empty: the from address's domain
   * @param templates       per event (document, sent, send-failed, received, received-undelivered,
   *                        reception-failed): subject and/or body replacing the default
   */
  public record Email(
      @DefaultValue("fax@localhost") String from,
      @DefaultValue("Fax Server") String fromName,
      @DefaultValue("") String messageIdDomain,
      Map<String, TemplateText> templates) {

    public Email {
      templates = templates == null ? Map.of() : Map.copyOf(templates);
    }
  }

  /** A subject and/or body template; null keeps the default. */
  public record TemplateText(String subject, String body) {}
}
