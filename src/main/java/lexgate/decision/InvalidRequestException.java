package lexgate.decision;

import java.util.List;

/** The request breaks the contract; every field problem is listed (422). */
public class InvalidRequestException extends RuntimeException {
    private final List<FieldError> errors;

    /** A request with these problems. */
    public InvalidRequestException(List<FieldError> errors) {
        super("invalid request");
        this.errors = List.copyOf(errors);
    }

    /** Every problem found. */
    public List<FieldError> errors() { return errors; }
}
