package org.faxserver.api.fallback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.fallback.DialControlPayloads.OverrideAccepted;
import org.faxserver.api.fallback.DialControlPayloads.OverrideRequest;
import org.faxserver.api.fallback.DialControlPayloads.OverrideResponse;
import org.faxserver.api.fallback.model.DialOverride;
import org.faxserver.api.number.NumbersProperties;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.shared.model.Violations;
import org.faxserver.api.web.AdminApi;
import org.faxserver.api.web.Paging;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.messaging.Envelope;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Per-destination dial-string overrides (the seed's mod_db realm {@code override-<destination>}), so
 * nobody needs {@code fs_cli db insert/override-...}. Changes are accepted (202) and applied by fax-queue.
 */
@RestController
@RequestMapping("/admin/override")
@Tag(name = "admin: dial overrides")
@AdminApi
class OverrideController {
    private final DialControl control;
    private final Paging paging;
    private final NumbersProperties numbers;

    OverrideController(DialControl control, Paging paging, NumbersProperties numbers) {
        this.control = control;
        this.paging = paging;
        this.numbers = numbers;
    }

    @GetMapping
    @Operation(summary = "List overrides (as fax-queue has applied them), optionally of one destination")
    Mono<Page<OverrideResponse>> list(@RequestParam(required = false) String destination,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return Mono.fromCallable(() -> paging.of(page, size))
                .flatMap(p -> control.overrides(destination == null ? null : parse(destination).e164(), p))
                .map(p -> p.map(OverrideResponse::of));
    }

    @PutMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = DialControl.ACCEPTED)
    @Operation(summary = "Set a channel variable on every call to a destination; 202, applied by fax-queue")
    Mono<OverrideAccepted> put(@RequestBody OverrideRequest body) {
        return Mono.fromCallable(() -> DialOverride.toSet(body.destination(), body.variable(), body.value(),
                        numbers.defaultRegion()))
                .flatMap(control::setOverride)
                .map(OverrideController::accepted);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = DialControl.ACCEPTED)
    @Operation(summary = "Same as PUT")
    Mono<OverrideAccepted> post(@RequestBody OverrideRequest body) {
        return put(body);
    }

    @DeleteMapping("/{destination}/{variable}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = DialControl.ACCEPTED)
    @Operation(summary = "Remove one override; 202, applied by fax-queue")
    Mono<OverrideAccepted> remove(@PathVariable String destination, @PathVariable String variable) {
        return Mono.fromCallable(() -> DialOverride.toRemove(destination, variable, numbers.defaultRegion()))
                .flatMap(control::removeOverride)
                .map(OverrideController::accepted);
    }

    private static OverrideAccepted accepted(Envelope<OverrideChange> e) {
        OverrideChange c = e.payload();
        return new OverrideAccepted(c.destination().e164(), c.variable(), c.value(), e.messageId());
    }

    private PhoneNumber parse(String raw) {
        Violations v = new Violations();
        PhoneNumber n = v.phoneNumber("destination", raw, numbers.defaultRegion());
        v.throwIfAny();
        return n;
    }
}
