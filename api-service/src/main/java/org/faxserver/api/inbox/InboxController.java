package org.faxserver.api.inbox;

import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.auth.model.TenantPrincipal;
import org.faxserver.api.inbox.model.ArchiveFormat;
import org.faxserver.api.inbox.model.InboxFilter;
import org.faxserver.api.inbox.model.ReceivedFax;
import org.faxserver.api.number.NumbersProperties;
import org.faxserver.api.shared.model.NotFoundException;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.web.Paging;
import org.faxserver.document.store.DocumentStore;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The tenant's received faxes. Another tenant's fax is a 404, like one that does not exist. */
@RestController
@Tag(name = "Inbox", description = "Received faxes (tenant API)")
class InboxController {
    private static final int READ_CHUNK = 64 * 1024;
    private final InboxRepository inbox;
    private final DocumentStore store;
    private final Paging paging;
    private final NumbersProperties numbers;

    InboxController(InboxRepository inbox, DocumentStore store, Paging paging, NumbersProperties numbers) {
        this.inbox = inbox;
        this.store = store;
        this.paging = paging;
        this.numbers = numbers;
    }

    @GetMapping("/fax/inbox")
    @Operation(summary = "The tenant's received faxes, newest first",
            description = "Filters combine with AND: to (our number), from (the caller), success, "
                    + "received_after (inclusive), received_before (exclusive).")
    Mono<Page<ReceivedFax>> list(@Parameter(hidden = true) TenantPrincipal principal,
                                 @RequestParam(name = "to", required = false) String to,
                                 @RequestParam(name = "from", required = false) String from,
                                 @RequestParam(name = "success", required = false) Boolean success,
                                 @RequestParam(name = "received_after", required = false)
                                 @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant receivedAfter,
                                 @RequestParam(name = "received_before", required = false)
                                 @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant receivedBefore,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        return Mono.fromCallable(() -> InboxFilter.of(to, from, success, receivedAfter, receivedBefore,
                        numbers.defaultRegion()))
                .zipWith(Mono.fromCallable(() -> paging.of(page, size)))
                .flatMap(t -> Mono.zip(inbox.list(principal.tenantId(), t.getT1(), t.getT2()).collectList(),
                                inbox.count(principal.tenantId(), t.getT1()))
                        .map(r -> new Page<>(r.getT1(), t.getT2().page(), t.getT2().size(), r.getT2())));
    }

    @GetMapping("/fax/inbox/{id}")
    @Operation(summary = "One received fax")
    Mono<ReceivedFax> get(@Parameter(hidden = true) TenantPrincipal principal, @PathVariable UUID id) {
        return inbox.find(principal.tenantId(), id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("received fax", id)));
    }

    @GetMapping("/fax/inbox/{id}/document")
    @Operation(summary = "The received fax as TIFF (as received), PDF (all pages) or PNG (page 1 preview)",
            description = "404 when the reception produced no document or the retention period deleted it.")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/tiff", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary"))})
    Mono<ResponseEntity<Flux<DataBuffer>>> document(@Parameter(hidden = true) TenantPrincipal principal,
                                                    @PathVariable UUID id,
                                                    @RequestParam(name = "format", defaultValue = "pdf") String format) {
        return Mono.fromCallable(() -> ArchiveFormat.parse("format", format))
                .flatMap(f -> inbox.documents(principal.tenantId(), id)
                        .mapNotNull(keys -> keys.key(f))
                        .switchIfEmpty(Mono.error(() -> new NotFoundException("document of received fax", id)))
                        .map(key -> ResponseEntity.ok()
                                .contentType(MediaType.parseMediaType(f.mediaType()))
                                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                                        .filename("fax-" + id + "." + f.extension()).build().toString())
                                .body(read(key, id))));
    }

    private Flux<DataBuffer> read(String key, UUID id) {
        return DataBufferUtils.readInputStream(() -> store.open(key), DefaultDataBufferFactory.sharedInstance, READ_CHUNK)
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(NoSuchFileException.class, e -> new NotFoundException("document of received fax", id));
    }
}
