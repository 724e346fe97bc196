package lexgate.decision;

/** One problem with a request field, as listed in a 422 problem's {@code errors}. */
public record FieldError(String field, String message) {}
