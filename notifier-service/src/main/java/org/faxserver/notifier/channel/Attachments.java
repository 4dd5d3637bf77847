package org.faxserver.notifier.channel;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.TryOutcome;
import org.faxserver.notifier.document.FaxPdfSource;
import org.faxserver.notifier.report.TransmissionReport;

/** Builds a task's files (the fax as PDF, the transmission report) for any channel. */
public final class Attachments {

  /** The files, or why they could not be made. */
  public sealed interface Result {
    record Ready(List<Attachment> files) implements Result {}

    record Failed(TryOutcome outcome) implements Result {}
  }

  public static final String PDF = "application/pdf";

  private final FaxPdfSource documents;
  private final TransmissionReport report;

  public Attachments(FaxPdfSource documents, TransmissionReport report) {
    this.documents = Objects.requireNonNull(documents, "documents");
    this.report = Objects.requireNonNull(report, "report");
  }

  public Result of(DeliveryTask task) {
    List<Attachment> files = new ArrayList<>();
    if (task.attachDocument() && task.notice().document() != null) {
      try {
        files.add(new Attachment(FaxPdfSource.fileName(task.notice().jobId()), PDF,
            documents.pdf(task.notice().document())));
      } catch (FaxPdfSource.TooLargeException e) {
        return new Result.Failed(TryOutcome.permanentFailure(null, e.getMessage()));
      } catch (NoSuchFileException e) {
        // A shared volume may lag; if the document is really gone, the schedule ends in a dead letter.
        return new Result.Failed(TryOutcome.transientFailure(null, "document not found: " + e.getMessage()));
      } catch (IOException | RuntimeException e) {
        return new Result.Failed(TryOutcome.transientFailure(null, "document unreadable: " + e));
      }
    }
    if (task.attachReport()) {
      files.add(new Attachment(TransmissionReport.fileName(task.notice()), PDF, report.render(task.notice())));
    }
    return new Result.Ready(files);
  }
}
