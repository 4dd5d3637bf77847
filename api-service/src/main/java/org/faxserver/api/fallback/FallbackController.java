package org.faxserver.api.fallback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.fallback.DialControlPayloads.FallbackAccepted;
import org.faxserver.api.fallback.DialControlPayloads.FallbackRequest;
import org.faxserver.api.fallback.DialControlPayloads.FallbackResponse;
import org.faxserver.api.fallback.model.DialOverride;
import org.faxserver.api.number.NumbersProperties;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.shared.model.Violations;
import org.faxserver.api.web.AdminApi;
import org.faxserver.api.web.Paging;
import org.faxserver.model.PhoneNumber;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The softmodem fallback list (numbers called and answered with T.38 off), so nobody needs
 * {@code fs_cli db insert/fallback/...}. Changes are accepted (202) and applied by fax-queue.
 */
@RestController
@RequestMapping("/admin/fallback")
@Tag(name = "admin: softmodem fallback")
@AdminApi
class FallbackController {
    private final DialControl control;
    private final Paging paging;
    private final NumbersProperties numbers;

    FallbackController(DialControl control, Paging paging, NumbersProperties numbers) {
        this.control = control;
        this.paging = paging;
        this.numbers = numbers;
    }

    @GetMapping
    @Operation(summary = "List the fallback list (as fax-queue has applied it), optionally one number")
    Mono<Page<FallbackResponse>> list(@RequestParam(required = false) String number,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return Mono.fromCallable(() -> paging.of(page, size))
                .flatMap(p -> control.fallbacks(number == null ? null : parse("number", number).e164(), p))
                .map(p -> p.map(FallbackResponse::of));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = DialControl.ACCEPTED)
    @Operation(summary = "Put a number on the fallback list (the seed's route); 202, applied by fax-queue")
    Mono<FallbackAccepted> add(@RequestBody FallbackRequest body) {
        return Mono.fromCallable(() -> parse("number", body.number()))
                .flatMap(control::listFallback)
                .map(e -> new FallbackAccepted(true, e.payload().number().e164(), true, e.messageId()));
    }

    @DeleteMapping("/{number}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = DialControl.ACCEPTED)
    @Operation(summary = "Take a number off the fallback list; 202, applied by fax-queue")
    Mono<FallbackAccepted> remove(@PathVariable String number) {
        return Mono.fromCallable(() -> parse("number", number))
                .flatMap(control::unlistFallback)
                .map(e -> new FallbackAccepted(true, e.payload().number().e164(), false, e.messageId()));
    }

    private PhoneNumber parse(String field, String raw) {
        Violations v = new Violations();
        PhoneNumber n = v.phoneNumber(field, raw, numbers.defaultRegion());
        v.throwIfAny();
        return n;
    }
}
