package org.faxserver.router.directory.adapter.db;

import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.faxserver.model.InvalidPhoneNumberException;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.net.AddressBlock;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.directory.model.Endpoint;
import org.faxserver.router.directory.model.EndpointScope;
import org.faxserver.router.directory.model.Tenant;
import org.faxserver.router.directory.model.TenantNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the {@code directory} tables, which api-service owns and publishes as a contract (DESIGN §2).
 * Read-only: fax-router never writes them. The three queries run in one read-only repeatable-read
 * transaction so an endpoint never refers to a number from a different moment.
 *
 * <p>A row the router cannot understand (a number that no longer parses, an unknown type) is skipped
 * with a warning rather than failing every job: one bad entry must not stop all routing. An allowed
 * source that does not parse is dropped, which only ever narrows an ACL.
 */
public final class DirectoryRepository {

  private static final Logger log = LoggerFactory.getLogger(DirectoryRepository.class);

  private final DatabaseClient db;
  private final TransactionalOperator readOnlySnapshot;
  private final String defaultRegion;

  public DirectoryRepository(
      DatabaseClient db,
      ReactiveTransactionManager transactions,
      String defaultRegion) {
    this.db = Objects.requireNonNull(db, "db");
    this.defaultRegion = defaultRegion;
    DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
    definition.setReadOnly(true);
    definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.readOnlySnapshot = TransactionalOperator.create(transactions, definition);
  }

  /** A consistent snapshot of the whole directory, read in one transaction. */
  public Mono<Directory> load() {
    // One after another: the queries share the transaction's single connection.
    Mono<Directory> snapshot =
        tenants().collectList().flatMap(tenants ->
            numbers().collectList().flatMap(numbers ->
                endpoints().collectList().map(endpoints ->
                    Directory.of(tenants, numbers, endpoints))));
    return readOnlySnapshot.transactional(snapshot);
  }

  private Flux<Tenant> tenants() {
    return db.sql("SELECT id, name FROM directory.tenant")
        .map(row -> new Tenant(id(row, "id"), row.get("name", String.class)))
        .all();
  }

  private Flux<TenantNumber> numbers() {
    return db.sql("SELECT id, tenant_id, number, ident FROM directory.tenant_number")
        .map(row -> Optional.ofNullable(number(row)))
        .all()
        .flatMap(Mono::justOrEmpty);
  }

  private Flux<Endpoint> endpoints() {
    return db.sql("""
            SELECT id, scope, tenant_id, number_id, type, priority, enabled, source_only, last_resort,
                   gateway_name, allowed_sources, t38_policy, max_concurrent_calls, webhook_url, email_addresses
              FROM directory.endpoint""")
        .map(row -> Optional.ofNullable(endpoint(row)))
        .all()
        .flatMap(Mono::justOrEmpty);
  }

  private TenantNumber number(Readable row) {
    String text = row.get("number", String.class);
    try {
      return new TenantNumber(id(row, "id"), id(row, "tenant_id"),
          PhoneNumber.parse(text, defaultRegion), row.get("ident", String.class));
    } catch (InvalidPhoneNumberException e) {
      log.warn("Skipping tenant number {} ('{}'): {}", id(row, "id"), text, e.getMessage());
      return null;
    }
  }

  private Endpoint endpoint(Readable row) {
    String id = id(row, "id");
    try {
      EndpointKind kind = EndpointKind.valueOf(upper(row.get("type", String.class)));
      return new Endpoint(
          id,
          EndpointScope.valueOf(upper(row.get("scope", String.class))),
          id(row, "tenant_id"),
          id(row, "number_id"),
          kind,
          row.get("priority", Integer.class),
          Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
          Boolean.TRUE.equals(row.get("source_only", Boolean.class)),
          Boolean.TRUE.equals(row.get("last_resort", Boolean.class)),
          target(row, kind),
          kind == EndpointKind.GATEWAY ? allowedSources(id, row) : List.of(),
          t38(row.get("t38_policy", String.class)),
          kind == EndpointKind.GATEWAY ? row.get("max_concurrent_calls", Integer.class) : null);
    } catch (RuntimeException e) {
      log.warn("Skipping endpoint {}: {}", id, e.getMessage());
      return null;
    }
  }

  private static String target(Readable row, EndpointKind kind) {
    return switch (kind) {
      case GATEWAY -> row.get("gateway_name", String.class);
      case WEBHOOK -> row.get("webhook_url", String.class);
      case EMAIL -> String.join(",", strings(row, "email_addresses"));
    };
  }

  private static List<AddressBlock> allowedSources(String endpointId, Readable row) {
    List<AddressBlock> blocks = new ArrayList<>();
    for (String text : strings(row, "allowed_sources")) {
      Optional<AddressBlock> block = AddressBlock.parse(text);
      if (block.isEmpty()) {
        log.warn("Endpoint {}: ignoring allowed source '{}', not an address or CIDR block",
            endpointId, text);
      }
      block.ifPresent(blocks::add);
    }
    return blocks;
  }

  private static List<String> strings(Readable row, String column) {
    String[] values = row.get(column, String[].class);
    return values == null ? List.of() : Arrays.asList(values);
  }

  private static T38Policy t38(String value) {
    return value == null ? null : T38Policy.valueOf(upper(value));
  }

  private static String id(Readable row, String column) {
    Long value = row.get(column, Long.class);
    return value == null ? null : value.toString();
  }

  private static String upper(String value) {
    return Objects.requireNonNull(value, "value").toUpperCase(Locale.ROOT);
  }
}
