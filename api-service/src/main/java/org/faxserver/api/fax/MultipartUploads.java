package org.faxserver.api.fax;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

import org.faxserver.api.fax.model.SendRequest;
import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.LimitExceededException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads a {@code POST /fax/send} body part by part: each {@code file} part is streamed to its own
 * temporary file as it arrives (a 50 MB upload never sits in memory), the byte total and the file
 * count are checked while streaming, and form fields are collected. Unknown parts are refused like
 * unknown JSON fields.
 */
@Component
class MultipartUploads {
    private final DocumentProperties props;

    MultipartUploads(DocumentProperties props) {
        this.props = props;
    }

    /** The streamed form; on error or cancellation the temporary files are already deleted. */
    Mono<UploadedForm> read(Flux<PartEvent> parts) {
        return Mono.defer(() -> {
            UploadedForm form = new UploadedForm();
            AtomicLong total = new AtomicLong();
            return parts.windowUntil(PartEvent::isLast)
                    .concatMap(part -> part.switchOnFirst((first, events) -> first.hasValue()
                            ? readPart(first.get(), events, form, total)
                            : events.then()))
                    .then(Mono.just(form))
                    .doOnError(e -> form.close())
                    .doOnCancel(form::close);
        });
    }

    private Mono<Void> readPart(PartEvent first, Flux<PartEvent> events, UploadedForm form, AtomicLong total) {
        String name = first.name();
        if (first instanceof FilePartEvent) {
            if (!SendRequest.FILE.equals(name)) {
                return discard(events, InvalidInputException.of(name, "is not a known field"));
            }
            if (form.files().size() >= props.maxFiles()) {
                return discard(events, new LimitExceededException("TOO_MANY_FILES",
                        "at most " + props.maxFiles() + " files can be sent as one fax"));
            }
            return Mono.fromCallable(this::tempFile)
                    .subscribeOn(Schedulers.boundedElastic())
                    .doOnNext(form::addFile)
                    .flatMap(file -> DataBufferUtils.write(events.map(PartEvent::content)
                                    .doOnNext(buffer -> count(buffer, total)),
                            file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
        }
        if (first instanceof FormPartEvent field) {
            if (SendRequest.FILE.equals(name)) {
                return discard(events, InvalidInputException.of(name,
                        "must be a file upload with a filename (curl: -F file=@document.pdf)"));
            }
            if (!SendRequest.FIELDS.contains(name)) {
                return discard(events, InvalidInputException.of(name, "is not a known field"));
            }
            form.addField(name, field.value());
            return discard(events, null);
        }
        return discard(events, InvalidInputException.of(String.valueOf(name), "is not a form field or file"));
    }

    private void count(DataBuffer buffer, AtomicLong total) {
        long max = props.maxUploadBytes().toBytes();
        if (total.addAndGet(buffer.readableByteCount()) > max) {
            DataBufferUtils.release(buffer);
            throw new LimitExceededException("TOO_LARGE", "the files are larger than the limit of " + max + " bytes");
        }
    }

    private Path tempFile() throws IOException {
        Path dir = props.uploadTempDir();
        if (dir == null) {
            return Files.createTempFile("fax-upload-", ".part");
        }
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "fax-upload-", ".part");
    }

    /**
     * Consumes the part's events (releasing their buffers); with an error, fails right away instead:
     * the rest of a refused body is not worth reading, and cancelling lets the codec release it.
     */
    private static Mono<Void> discard(Flux<PartEvent> events, RuntimeException error) {
        Flux<PartEvent> released = events.doOnNext(e -> DataBufferUtils.release(e.content()));
        return error == null ? released.then() : released.take(1).then(Mono.error(error));
    }
}
