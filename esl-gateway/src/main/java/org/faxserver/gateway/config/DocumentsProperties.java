package org.faxserver.gateway.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.documents.*}: the shared document directory as this process sees it.
 *
 * @param root where {@code DocumentRef} keys are resolved
 */
@ConfigurationProperties("faxserver.documents")
public record DocumentsProperties(@DefaultValue("./data/documents") Path root) {}
