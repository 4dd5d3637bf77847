package org.faxserver.notifier.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code faxserver.documents.root}: the shared DocumentStore directory (decision 0004). */
@ConfigurationProperties("faxserver.documents")
public record DocumentsProperties(@DefaultValue("./data/documents") Path root) {}
