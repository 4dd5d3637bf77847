package org.faxserver.api.fax;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

import org.faxserver.api.fax.model.SendRequest;
import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.LimitExceededException;
import org.faxserver.document.DocumentSource;
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
 * Reads a {@code POST /fax/send} body part by part: each {@code file} part is kept in memory while the
 * request's files are small, else streamed to its own temporary file as it arrives (a 50 MB upload never
 * sits in memory), the byte total and the file count are checked while streaming, and form fields are
 * collected. Unknown parts are refused like unknown JSON fields.
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
            FilePart file = new FilePart(form);
            return events.map(PartEvent::content)
                    .doOnNext(buffer -> count(buffer, total))
                    .map(MultipartUploads::copyAndRelease)
                    .concatMap(file::accept)
                    .then(Mono.defer(file::finish))
                    .doOnNext(form::addFile)
                    .doFinally(signal -> file.closeQuietly())
                    .then();
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

    private static byte[] copyAndRelease(DataBuffer buffer) {
        try {
            byte[] chunk = new byte[buffer.readableByteCount()];
            buffer.read(chunk);
            return chunk;
        } finally {
            DataBufferUtils.release(buffer);
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
     * One file part as it arrives: in memory while the request's files fit in {@code in-memory-upload-bytes}
     * (a one-page fax is tens of kilobytes: no file to create, write, read twice and delete), else from its
     * first byte in a temporary file, written on boundedElastic. Chunks come one at a time ({@code concatMap}).
     */
    private final class FilePart {
        private final UploadedForm form;
        private ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private Path path;
        private FileChannel channel;

        FilePart(UploadedForm form) {
            this.form = form;
        }

        Mono<Void> accept(byte[] chunk) {
            if (channel == null
                    && form.bytesInMemory() + memory.size() + chunk.length <= props.inMemoryUploadBytes().toBytes()) {
                memory.writeBytes(chunk);
                return Mono.empty();
            }
            return Mono.<Void>fromRunnable(() -> write(chunk)).subscribeOn(Schedulers.boundedElastic());
        }

        private void write(byte[] chunk) {
            try {
                if (channel == null) {
                    path = tempFile();
                    form.addTempFile(path);
                    channel = FileChannel.open(path, StandardOpenOption.WRITE);
                    writeFully(memory.toByteArray());
                    memory = null;
                }
                writeFully(chunk);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write an upload to a temporary file", e);
            }
        }

        private void writeFully(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        Mono<DocumentSource> finish() {
            if (channel == null) {
                return Mono.just(DocumentSource.of(memory.toByteArray()));
            }
            return Mono.fromCallable(() -> {
                channel.close();
                return DocumentSource.of(path);
            }).subscribeOn(Schedulers.boundedElastic());
        }

        /** After an error or a cancel the channel may still be open; the file itself goes with the form. */
        void closeQuietly() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing was lost: the upload failed anyway
                }
            }
        }
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
