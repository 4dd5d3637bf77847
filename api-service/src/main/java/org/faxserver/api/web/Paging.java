package org.faxserver.api.web;

import org.faxserver.api.shared.model.PageRequest;
import org.springframework.stereotype.Component;

/** Builds validated page requests from query parameters, with the configured default and maximum size. */
@Component
public class Paging {
    private final WebProperties props;

    public Paging(WebProperties props) {
        this.props = props;
    }

    public PageRequest of(Integer page, Integer size) {
        return PageRequest.of(page, size, props.defaultPageSize(), props.maxPageSize());
    }
}
