package org.faxserver.notifier.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.faxserver.notifier.channel.Attachment;
import org.faxserver.notifier.channel.Attachments;
import org.faxserver.notifier.channel.DeliveryChannel;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.TryOutcome;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email through {@code spring.mail.*}: one message to all of a task's addresses, subject and body
 * from {@link EmailTemplates}, the fax and/or report as PDF attachments, a {@code Date} header and a
 * {@code Message-ID} made from the delivery id, so every retry of one delivery carries the same id
 * and mail systems can drop duplicates.
 *
 * <p>SMTP 5xx replies (unknown mailbox, rejected content) are permanent; connection problems, 4xx
 * and authentication failures (fixed by an operator) are retried.
 */
public final class EmailChannel implements DeliveryChannel {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmailChannel.class);


  public static final String NAME = "email";

  private final JavaMailSenderImpl sender;
  private final EmailTemplates templates;
  private final Attachments attachments;
  private final InternetAddress from;
  private final String messageIdDomain;
  private final Clock clock;

  public EmailChannel(JavaMailSenderImpl sender, EmailTemplates templates, Attachments attachments,
      String fromAddress, String fromName, String messageIdDomain, Clock clock) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.templates = Objects.requireNonNull(templates, "templates");
    this.attachments = Objects.requireNonNull(attachments, "attachments");
    try {
      this.from = fromName == null || fromName.isBlank()
          ? new InternetAddress(fromAddress, true)
          : new InternetAddress(fromAddress, fromName, "UTF-8");
      this.from.validate();
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalArgumentException("faxserver.notifier.email.from is not an address: " + fromAddress, e);
    }
    String domain = messageIdDomain == null || messageIdDomain.isBlank()
        ? fromAddress.substring(fromAddress.indexOf('@') + 1)
        : messageIdDomain;
    this.messageIdDomain = domain;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TryOutcome deliver(DeliveryTask task) {
    Attachments.Result files = attachments.of(task);
    if (files instanceof Attachments.Result.Failed failed) {
      return failed.outcome();
    }
    try {
      MimeMessage message = new FixedIdMessage(sender.getSession(),
          "<" + task.id() + "@" + messageIdDomain + ">");
      MimeMessageHelper mail = new MimeMessageHelper(message, true, "UTF-8");
      mail.setFrom(from);
      mail.setTo(task.targets().toArray(String[]::new));
      mail.setSubject(templates.subject(task.notice()));
      mail.setText(templates.body(task.notice()), false);
      mail.setSentDate(Date.from(clock.instant()));
      for (Attachment file : ((Attachments.Result.Ready) files).files()) {
        mail.addAttachment(file.fileName(), new ByteArrayResource(file.content()), file.contentType());
      }
      sender.send(message);
      return TryOutcome.delivered(null);
    } catch (MessagingException | MailParseException | MailPreparationException e) {
      return TryOutcome.permanentFailure(null, "cannot build the message: " + e.getMessage());
    } catch (MailAuthenticationException e) {
      return TryOutcome.transientFailure(null, "SMTP authentication failed: " + e.getMessage());
    } catch (MailException e) {
      if (someRecipientsAccepted(e)) {
        // mail.smtp.sendpartial: one bad address must not cost everyone else their copy.
        log.warn("delivery {}: sent, but some recipients were refused: {}", task.id(), rootMessage(e));
        return TryOutcome.delivered(null);
      }
      Integer code = smtpCode(e);
      String detail = code == null ? "SMTP: " + rootMessage(e) : "SMTP " + code + ": " + rootMessage(e);
      return code != null && code >= 500
          ? TryOutcome.permanentFailure(null, detail)
          : TryOutcome.transientFailure(null, detail);
    }
  }

  /** True if the server took the message for at least one recipient (a partial send). */
  static boolean someRecipientsAccepted(Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof jakarta.mail.SendFailedException f && f.getValidSentAddresses() != null
          && f.getValidSentAddresses().length > 0) {
        return true;
      }
      if (t instanceof org.springframework.mail.MailSendException send) {
        for (Exception inner : send.getFailedMessages().values()) {
          if (someRecipientsAccepted(inner)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The SMTP reply code in the exception chain, if the server gave one. */
  static Integer smtpCode(Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (t instanceof SMTPSendFailedException s) {
        return s.getReturnCode();
      }
      if (t instanceof org.springframework.mail.MailSendException send) {
        for (Exception inner : send.getFailedMessages().values()) {
          Integer code = smtpCode(inner);
          if (code != null) {
            return code;
          }
        }
      }
    }
    return null;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
      return m.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.strip().replaceAll("\\s+", " ");
  }

  /** A MIME message whose Message-ID is ours, not a fresh random one on every save. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
