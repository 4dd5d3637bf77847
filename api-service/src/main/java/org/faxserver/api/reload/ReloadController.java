package org.faxserver.api.reload;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.outbox.DirectoryEvents;
import org.faxserver.api.web.AdminApi;
import org.faxserver.model.directory.DirectoryChanged;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /admin/reload}: the seed re-read its tables into memory (and got the order wrong). Here the
 * database is always current, so reload tells every cache (router, queue) to drop everything.
 * Only POST: the seed's {@code GET /admin/reload} had a side effect a GET must not have (a crawler, a
 * prefetch or a retried GET would flush every cache), so GET is answered 405 with {@code Allow: POST}.
 */
@RestController
@Tag(name = "admin: reload")
@AdminApi
class ReloadController {
    record ReloadResponse(String message) {
    }

    private final DirectoryEvents events;
    private final TransactionalOperator tx;

    ReloadController(DirectoryEvents events, TransactionalOperator tx) {
        this.events = events;
        this.tx = tx;
    }

    @PostMapping("/admin/reload")
    @Operation(summary = "Publish a full directory invalidation")
    Mono<ReloadResponse> reload() {
        return events.record(DirectoryChanged.reloadAll()).as(tx::transactional)
                .thenReturn(new ReloadResponse("reload requested: all directory caches will be refreshed"));
    }
}
