package org.faxserver.api.shared.model;

/** A referenced entity does not exist; names the entity and id. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String entity, Object id) {
        super(entity + " " + id + " not found");
    }

    /** With a detail of its own, e.g. why something that existed is gone. */
    public NotFoundException(String detail) {
        super(detail);
    }
}
