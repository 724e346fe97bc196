package lexgate.api;

import lexgate.decision.FieldError;

import java.util.List;

/** The body is not JSON, or a field has the wrong JSON type (400). */
public class BadRequestBodyException extends RuntimeException {
    private final List<FieldError> errors;

    /** A malformed body. */
    public BadRequestBodyException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    /** The fields at fault, if known. */
    public List<FieldError> errors() { return errors; }
}
