package lexgate.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values a search lists that live inside a decision's JSON: the request's controller.name and
 * the distinct rule ids of the response's reasons, then its obligations. Stored beside the record in
 * the columns listed_controller and listed_rules (V7__decision_listing.sql), derived from the hashed
 * JSON and checked against it by the verifier; read from the JSON itself for rows stored before V7.
 *
 * The JSON is read with Jackson's streaming parser, skipping everything else without building nodes:
 * a listing that read two documents a row with readTree spent 62% of a search's CPU in it.
 */
public final class ListedValues {
    private static final char SEPARATOR = '\n';

    private ListedValues() {}

    /** What a listing shows of a stored response: its evaluatedAt and rule ids (as {@link DecisionIndex#rules}). */
    public record Listed(String evaluatedAt, List<String> rules) {}

    /**
     * The listed_rules column for these rule ids: joined by a line feed, '' for none; null when an id
     * holds a line feed itself (then the search reads the JSON, as for a row stored before V7).
     */
    public static String joinRules(List<String> rules) {
        if (rules == null) return null;
        for (String r : rules) if (r == null || r.indexOf(SEPARATOR) >= 0) return null;
        return String.join(String.valueOf(SEPARATOR), rules);
    }

    /** The rule ids of a listed_rules column (not null). */
    public static List<String> splitRules(String column) {
        return column.isEmpty() ? List.of() : Arrays.asList(column.split(String.valueOf(SEPARATOR), -1));
    }

    /** The response's evaluatedAt and the distinct rule ids of its reasons, then its obligations. */
    public static Listed fromResponse(JsonFactory json, String responseJson) {
        String evaluatedAt = null;
        LinkedHashSet<String> reasons = new LinkedHashSet<>(), obligations = new LinkedHashSet<>();
        try (JsonParser p = json.createParser(responseJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not an object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("evaluatedAt") && value == JsonToken.VALUE_STRING) {
                    evaluatedAt = p.getText();
                } else if ((field.equals("reasons") || field.equals("obligations")) && value == JsonToken.START_ARRAY) {
                    ruleIds(p, field.equals("reasons") ? reasons : obligations);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("a stored decision cannot be read", e);
        }
        reasons.addAll(obligations);
        return new Listed(evaluatedAt, List.copyOf(reasons));
    }

    /** The "rule" of each object of the array the parser is at (left at the array's end). */
    private static void ruleIds(JsonParser p, Set<String> out) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("rule") && value == JsonToken.VALUE_STRING) out.add(p.getText());
                else p.skipChildren();
            }
        }
    }

    /** The request's controller.name, or null; reading stops there. */
    public static String controllerName(JsonFactory json, String requestJson) {
        try (JsonParser p = json.createParser(requestJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean controller = p.currentName().equals("controller");
                JsonToken value = p.nextToken();
                if (!controller || value != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    boolean name = p.currentName().equals("name");
                    JsonToken v = p.nextToken();
                    if (name) return v == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
                }
                return null;
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("a stored decision cannot be read", e);
        }
    }

    /**
     * What is wrong with a record's listing columns, against its (hashed) JSON; null when they agree or
     * are both null (a row stored before V7). A forged listing value is a tampered record.
     */
    public static String mismatch(JsonFactory json, String listedController, String listedRules, String requestJson,
                                  String responseJson) {
        if (listedRules == null && listedController == null) return null;
        try {
            if (listedRules != null && !splitRules(listedRules).equals(fromResponse(json, responseJson).rules())) {
                return "its listed rules do not match its response";
            }
            String name = controllerName(json, requestJson);
            if (listedController == null ? name != null && listedRules != null : !listedController.equals(name)) {
                return "its listed controller does not match its request";
            }
        } catch (IllegalStateException e) {
            return "its request or response cannot be read";
        }
        return null;
    }
}
