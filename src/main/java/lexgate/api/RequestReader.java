package lexgate.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import lexgate.decision.FieldError;
import lexgate.decision.InvalidRequestException;
import lexgate.decision.OperationRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a request body into an {@link OperationRequest}: not JSON or a wrong type is 400 naming
 * the field; unknown fields are collected and reported as 422 together.
 */
public final class RequestReader {
    /** Deeper JSON than this is refused (400): no request of the contract nests beyond a few levels. */
    static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A key given twice is an error naming it, never the last value silently taken.
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        // No coercion between JSON types: a number, boolean, array or object where the contract
        // wants text is a 400 naming the field ("operationId": 1e308 is not an operation id), and text
        // is never read as a boolean or a number.
        for (com.fasterxml.jackson.databind.type.LogicalType t : List.of(com.fasterxml.jackson.databind.type.LogicalType.Textual,
                com.fasterxml.jackson.databind.type.LogicalType.Boolean, com.fasterxml.jackson.databind.type.LogicalType.Integer,
                com.fasterxml.jackson.databind.type.LogicalType.Float)) {
            var c = MAPPER.coercionConfigFor(t);
            for (com.fasterxml.jackson.databind.cfg.CoercionInputShape shape : com.fasterxml.jackson.databind.cfg.CoercionInputShape.values()) {
                if (shape == com.fasterxml.jackson.databind.cfg.CoercionInputShape.EmptyString && t == com.fasterxml.jackson.databind.type.LogicalType.Textual) continue;
                c.setCoercion(shape, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
            }
        }
    }

    private RequestReader() {}

    /** Parses the body; throws {@link BadRequestBodyException} (400) or {@link InvalidRequestException} (422). */
    public static OperationRequest read(String body) {
        if (body == null || body.isBlank()) throw new BadRequestBodyException("the request body is empty", List.of());
        return parse(reader -> reader.readValue(body));
    }

    /**
     * The same from the body's bytes, as they came (JSON is UTF-8, RFC 8259 section 8.1): Jackson
     * reads them without a {@code String} made first, and bytes that are not UTF-8 are a 400 rather
     * than characters replaced by U+FFFD, which would make the stored request differ from the one sent.
     */
    public static OperationRequest read(byte[] body) {
        if (body == null || blank(body)) throw new BadRequestBodyException("the request body is empty", List.of());
        return parse(reader -> reader.readValue(body));
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') return false;
        }
        return true;
    }

    @FunctionalInterface
    private interface Source {
        OperationRequest readWith(com.fasterxml.jackson.databind.ObjectReader reader) throws IOException;
    }

    private static OperationRequest parse(Source source) {
        List<FieldError> unknown = new ArrayList<>();
        OperationRequest req;
        try {
            req = source.readWith(MAPPER.readerFor(OperationRequest.class).withHandler(new DeserializationProblemHandler() {
                @Override
                public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                                                     JsonDeserializer<?> deserializer, Object beanOrClass,
                                                     String propertyName) throws IOException {
                    String parent = path(p.getParsingContext().getParent());
                    unknown.add(new FieldError(parent.isEmpty() ? propertyName : parent + "." + propertyName,
                            "unknown field; the contract (decision-api-v1) does not define it"));
                    p.skipChildren();
                    return true;
                }
            }));
        } catch (JsonMappingException e) {
            String field = path(e);
            String om = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (om.startsWith("Duplicate field")) {
                String key = om.replaceAll("(?s)^Duplicate field '([^']*)'.*$", "$1");
                throw new BadRequestBodyException("a key appears twice in the same object",
                        List.of(new FieldError(field.isEmpty() ? key : field + "." + key, "is given twice; give it once")));
            }
            if (om.startsWith("Invalid UTF-8")) {
                throw new BadRequestBodyException("the request body cannot be read: it is not UTF-8",
                        List.of(new FieldError(field.isEmpty() ? "(body)" : field, "holds bytes that are not UTF-8; send the body as UTF-8")));
            }
            throw new BadRequestBodyException("a field has the wrong JSON type",
                    List.of(new FieldError(field.isEmpty() ? "(body)" : field, typeMessage(e))));
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (m.startsWith("Duplicate field")) {
                String key = m.replaceAll("^Duplicate field '(.*)'$", "$1");
                String parent = e.getProcessor() instanceof JsonParser jp && jp.getParsingContext() != null
                        ? path(jp.getParsingContext().getParent()) : "";
                throw new BadRequestBodyException("a key appears twice in the same object",
                        List.of(new FieldError(parent.isEmpty() ? key : parent + "." + key, "is given twice; give it once")));
            }
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            String why = m.contains("nesting depth") ? "it nests deeper than " + MAX_DEPTH + " levels"
                    : m.startsWith("Invalid UTF-8") ? "it is not UTF-8" + where : "it is not valid JSON" + where;
            throw new BadRequestBodyException("the request body cannot be read: " + why, List.of());
        } catch (IOException e) {
            // From bytes only: Jackson's guess of UTF-16 or UTF-32 that the bytes then break.
            throw new BadRequestBodyException("the request body cannot be read: it is not UTF-8", List.of());
        }
        if (req == null) throw new BadRequestBodyException("the request body must be a JSON object", List.of());
        if (!unknown.isEmpty()) throw new InvalidRequestException(unknown);
        return req;
    }

    private static String typeMessage(JsonMappingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.contains("START_ARRAY")) return "must not be an array";
        if (m.contains("START_OBJECT")) return "must not be an object";
        if (m.contains("java.lang.Boolean") || m.contains("boolean")) return "must be true, false or null";
        if (m.contains("java.lang.Integer") || m.contains("java.lang.Long") || m.contains("int")) {
            return "must be a whole number within range";
        }
        if (m.contains("java.lang.String") || m.contains("String value")) return "must be a string";
        if (m.contains("java.util.List") || m.contains("ArrayList")) return "must be an array";
        return "has the wrong type";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String path(com.fasterxml.jackson.core.JsonStreamContext ctx) {
        List<String> parts = new ArrayList<>();
        for (var c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) parts.add(0, "[" + c.getCurrentIndex() + "]");
            else if (c.getCurrentName() != null) parts.add(0, "." + c.getCurrentName());
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }
}
