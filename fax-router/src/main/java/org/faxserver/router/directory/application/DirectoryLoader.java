package org.faxserver.router.directory.application;

import org.faxserver.router.directory.model.Directory;
import reactor.core.publisher.Mono;

/** Reads a consistent snapshot of the whole directory from where api-service keeps it. */
@FunctionalInterface
public interface DirectoryLoader {

  Mono<Directory> load();
}
