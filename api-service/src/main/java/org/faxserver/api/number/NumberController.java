package org.faxserver.api.number;

import java.net.URI;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.number.NumberPayloads.NumberRequest;
import org.faxserver.api.number.NumberPayloads.NumberResponse;
import org.faxserver.api.number.model.NumberDraft;
import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.web.AdminApi;
import org.faxserver.api.web.Paging;
import org.faxserver.model.InvalidPhoneNumberException;
import org.faxserver.model.PhoneNumber;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

@RestController
@RequestMapping("/admin/number")
@Tag(name = "admin: numbers")
@AdminApi
class NumberController {
    private final NumberService service;
    private final Paging paging;
    private final NumbersProperties numbers;

    NumberController(NumberService service, Paging paging, NumbersProperties numbers) {
        this.service = service;
        this.paging = paging;
        this.numbers = numbers;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<NumberResponse>> create(@RequestBody NumberRequest body) {
        return Mono.fromCallable(() -> draft(body))
                .flatMap(service::create)
                .map(n -> ResponseEntity.created(URI.create("/admin/number/" + n.id())).body(NumberResponse.of(n)));
    }

    @PutMapping("/{id}")
    Mono<NumberResponse> update(@PathVariable long id, @RequestBody NumberRequest body) {
        return Mono.fromCallable(() -> draft(body))
                .flatMap(d -> service.update(id, d))
                .map(NumberResponse::of);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable long id) {
        return service.delete(id);
    }

    /** The seed's form, kept for existing clients: {@code DELETE /admin/number?number=...&tenant_id=...}. */
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteByNumber(@RequestParam("number") String number, @RequestParam("tenant_id") long tenantId) {
        return Mono.fromCallable(() -> e164(number)).flatMap(n -> service.delete(n, tenantId));
    }

    @GetMapping("/{id}")
    Mono<NumberResponse> get(@PathVariable long id) {
        return service.get(id).map(NumberResponse::of);
    }

    @GetMapping
    Mono<Page<NumberResponse>> list(@RequestParam(name = "tenant_id", required = false) Long tenantId,
                                    @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size) {
        return Mono.fromCallable(() -> paging.of(page, size))
                .flatMap(p -> service.list(tenantId, p))
                .map(p -> p.map(NumberResponse::of));
    }

    private NumberDraft draft(NumberRequest b) {
        return NumberDraft.of(b.tenantId(), b.number(), b.callerIdName(), b.pageHeader(), b.ident(), b.notifySpec(),
                numbers.defaultRegion());
    }

    private String e164(String number) {
        try {
            return PhoneNumber.parse(number, numbers.defaultRegion()).e164();
        } catch (InvalidPhoneNumberException e) {
            throw InvalidInputException.of("number", "is not a valid phone number: " + e.reason());
        }
    }
}
