package org.faxserver.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code faxserver.web.*}: paging limits and the largest JSON request body accepted. */
@ConfigurationProperties("faxserver.web")
public record WebProperties(@DefaultValue("50") int defaultPageSize,
                            @DefaultValue("500") int maxPageSize,
                            @DefaultValue("256KB") DataSize maxRequestBodySize) {
    public WebProperties {
        if (defaultPageSize < 1 || maxPageSize < defaultPageSize) {
            throw new IllegalArgumentException("faxserver.web: need 1 <= default-page-size <= max-page-size");
        }
    }
}
