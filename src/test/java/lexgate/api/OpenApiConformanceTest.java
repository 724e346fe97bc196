package lexgate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document at {@code /q/openapi} is the contract: (a) real answers of the running service,
 * successes and problems, have a status the document lists for that operation and a body that
 * validates against the documented schema (types, required, enums, nullability, and no field the
 * schema does not name); (b) every field the contract (decision-api-v1, with its additions) shows in
 * a request or a response is in the document's schemas at the same place; (c) nothing that is not
 * public API is listed, every operation has an id, a summary, a description, the bearer scheme and its
 * problem responses, and the request examples are the files in {@code examples/}.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
public class OpenApiConformanceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The project's copy of the wire contract; {@link #contractCopyIsTheContract()} keeps it the contract. */
    static final Path CONTRACT = Path.of("examples/decision-api-v1.md");
    static final Path SHARED_CONTRACT = Path.of("../shared/contract/decision-api-v1.md");

    private JsonNode doc;

    JsonNode doc() {
        if (doc == null) {
            try {
                doc = JSON.readTree(given().accept("application/json").when().get("/q/openapi?format=json")
                        .then().statusCode(200).extract().asString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return doc;
    }

    // ---- (a) real answers against the document ------------------------------------------------

    @Test
    void realAnswersConformToTheDocument() throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Conformance c = new Conformance(problems, seen);

        // Decisions: every example in examples/, a bad body, a missing field, a wrong media type.
        String id = null;
        try (var files = Files.list(Path.of("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Response r = c.check("post", "/v1/decisions", 201,
                        given().contentType("application/json").body(Files.readString(f)).post("/v1/decisions"));
                assertNotNull(r.header("Location"), f + ": Location");
                id = r.jsonPath().getString("decisionId");
            }
        }
        assertNotNull(id, "no example in examples/");
        c.check("post", "/v1/decisions", 400, given().contentType("application/json").body("{\"controller\":").post("/v1/decisions"));
        c.check("post", "/v1/decisions", 422, given().contentType("application/json").body("{}").post("/v1/decisions"));
        c.check("post", "/v1/decisions", 415, given().contentType("text/plain").body("hello").post("/v1/decisions"));
        c.check("post", "/v1/decisions", 201, given().contentType("application/json").header("Idempotency-Key", "oa-1")
                .body(DecisionApiTest.DELIVERY).post("/v1/decisions"));
        c.check("post", "/v1/decisions", 200, given().contentType("application/json").header("Idempotency-Key", "oa-1")
                .body(DecisionApiTest.DELIVERY).post("/v1/decisions"));
        c.check("post", "/v1/decisions", 422, given().contentType("application/json").header("Idempotency-Key", "oa-1")
                .body(DecisionApiTest.DELIVERY.replace("t-1", "t-2")).post("/v1/decisions"));

        c.check("get", "/v1/decisions/{id}", 200, given().get("/v1/decisions/" + id));
        c.check("get", "/v1/decisions/{id}", 404, given().get("/v1/decisions/no-such-decision"));
        c.check("get", "/v1/decisions/{id}/evidence", 200, given().get("/v1/decisions/" + id + "/evidence"));
        c.check("get", "/v1/decisions/{id}/evidence", 404, given().get("/v1/decisions/no-such-decision/evidence"));
        c.check("get", "/v1/decisions", 200, given().accept("application/json").get("/v1/decisions?limit=2"));
        c.check("get", "/v1/decisions", 200, given().accept("application/json").get("/v1/decisions?limit=500&outcome=DENY"));
        c.check("get", "/v1/decisions", 200, given().accept("text/csv").get("/v1/decisions?limit=2"));
        c.check("get", "/v1/decisions", 422, given().accept("application/json").get("/v1/decisions?limit=0"));
        c.check("get", "/v1/decisions", 400, given().accept("application/json").get("/v1/decisions?cursor=nonsense"));
        c.check("post", "/v1/decisions/{id}/replay", 200, given().post("/v1/decisions/" + id + "/replay"));
        c.check("post", "/v1/decisions/{id}/replay", 200, given().contentType("application/json")
                .body("{\"against\":\"active\"}").post("/v1/decisions/" + id + "/replay"));
        c.check("post", "/v1/decisions/{id}/replay", 404, given().post("/v1/decisions/no-such-decision/replay"));
        c.check("post", "/v1/decisions/{id}/replay", 422, given().contentType("application/json")
                .body("{\"against\":\"yesterday\"}").post("/v1/decisions/" + id + "/replay"));

        // Rules and rulesets (reload and validation run every scenario: left to their own tests).
        c.check("get", "/v1/rules", 200, given().get("/v1/rules"));
        c.check("get", "/v1/rules", 200, given().get("/v1/rules?jurisdiction=FR"));
        String digest = c.check("get", "/v1/rulesets/active", 200, given().get("/v1/rulesets/active")).jsonPath().getString("digest");
        c.check("get", "/v1/rulesets", 200, given().get("/v1/rulesets"));
        c.check("get", "/v1/rulesets/activations", 200, given().get("/v1/rulesets/activations"));
        c.check("get", "/v1/rulesets/{digest}", 200, given().get("/v1/rulesets/" + digest));
        c.check("get", "/v1/rulesets/{digest}", 404, given().get("/v1/rulesets/sha256:0000"));
        c.check("post", "/v1/rulesets/{digest}/activate", 404, given().post("/v1/rulesets/sha256:0000/activate"));
        c.check("post", "/v1/rulesets/{digest}/activate", 200, given().post("/v1/rulesets/" + digest + "/activate"));

        // An impact analysis: start, progress, report, changes, list.
        Response started = c.check("post", "/v1/replays", 202, given().contentType("application/json")
                .body("{\"target\":\"active\"}").post("/v1/replays"));
        assertNotNull(started.header("Location"));
        String replay = started.jsonPath().getString("replayId");
        String status = "queued";
        for (int i = 0; i < 600 && (status.equals("queued") || status.equals("running")); i++) {
            Thread.sleep(100);
            status = c.check("get", "/v1/replays/{id}", 200, given().get("/v1/replays/" + replay)).jsonPath().getString("status");
        }
        assertEquals("done", status);
        c.check("get", "/v1/replays/{id}/report", 200, given().accept("application/json").get("/v1/replays/" + replay + "/report"));
        c.check("get", "/v1/replays/{id}/report", 200, given().accept("text/csv").get("/v1/replays/" + replay + "/report"));
        c.check("get", "/v1/replays/{id}/report", 400, given().accept("application/json")
                .get("/v1/replays/" + replay + "/report?cursor=nonsense"));
        c.check("get", "/v1/replays/{id}/report", 404, given().accept("application/json").get("/v1/replays/no-such/report"));
        c.check("get", "/v1/replays/{id}/changes", 200, given().get("/v1/replays/" + replay + "/changes"));
        c.check("get", "/v1/replays/{id}", 404, given().get("/v1/replays/no-such"));
        c.check("get", "/v1/replays", 200, given().get("/v1/replays"));
        c.check("get", "/v1/replays", 200, given().get("/v1/replays?kind=all"));
        c.check("get", "/v1/replays", 400, given().get("/v1/replays?limit=x"));
        c.check("get", "/v1/replays", 422, given().get("/v1/replays?limit=0"));
        c.check("post", "/v1/replays", 422, given().contentType("application/json").body("{\"target\":\"yesterday\"}").post("/v1/replays"));
        c.check("post", "/v1/replays", 400, given().contentType("application/json").body("[").post("/v1/replays"));

        // Keys.
        Response key = c.check("post", "/v1/keys", 201, given().contentType("application/json")
                .body("{\"name\":\"openapi\",\"roles\":[\"review\"]}").post("/v1/keys"));
        assertNotNull(key.header("Location"));
        c.check("post", "/v1/keys", 422, given().contentType("application/json").body("{\"roles\":[\"king\"]}").post("/v1/keys"));
        c.check("delete", "/v1/keys/{id}", 204, given().delete("/v1/keys/" + key.jsonPath().getString("id")));
        c.check("delete", "/v1/keys/{id}", 404, given().delete("/v1/keys/no-such-key"));
        c.check("get", "/v1/keys", 200, given().get("/v1/keys"));

        // Malformed input wherever it can be given: whatever the status, it is documented (and a problem).
        c.checkAny("get", "/v1/rulesets", given().get("/v1/rulesets?page=x"));
        c.checkAny("get", "/v1/rulesets/activations", given().get("/v1/rulesets/activations?size=x"));
        c.checkAny("get", "/v1/replays/{id}/changes", given().get("/v1/replays/" + replay + "/changes?page=x"));
        c.checkAny("post", "/v1/keys", given().contentType("application/json").body("[").post("/v1/keys"));
        c.checkAny("post", "/v1/keys", given().contentType("text/plain").body("x").post("/v1/keys"));
        c.checkAny("post", "/v1/replays", given().contentType("text/plain").body("x").post("/v1/replays"));
        c.checkAny("post", "/v1/rulesets/validate", given().contentType("text/plain").body("x").post("/v1/rulesets/validate"));
        c.checkAny("post", "/v1/rulesets/validate", given().contentType("application/json").body("[").post("/v1/rulesets/validate"));
        c.checkAny("post", "/v1/rulesets/validate", given().contentType("application/json").body("{}").post("/v1/rulesets/validate"));
        c.checkAny("post", "/v1/decisions/{id}/replay", given().contentType("application/json").body("[")
                .post("/v1/decisions/" + id + "/replay"));

        // Audit.
        c.check("post", "/v1/audit/checkpoints", 200, given().post("/v1/audit/checkpoints"));
        c.check("get", "/v1/audit/checkpoints", 200, given().get("/v1/audit/checkpoints"));
        c.check("get", "/v1/audit/verify", 200, given().get("/v1/audit/verify"));
        c.check("get", "/v1/audit/public-key", 200, given().get("/v1/audit/public-key"));
        c.check("get", "/v1/audit/public-keys", 200, given().get("/v1/audit/public-keys"));

        assertTrue(problems.isEmpty(), "the service and its OpenAPI document disagree:\n  " + String.join("\n  ", problems));
        assertTrue(seen.size() >= 20, "operations exercised: " + seen);
    }

    /** Checks answers against the operation they came from. */
    final class Conformance {
        final List<String> problems;
        final Set<String> seen;

        Conformance(List<String> problems, Set<String> seen) {
            this.problems = problems;
            this.seen = seen;
        }

        Response check(String method, String template, int expected, Response r) {
            assertEquals(expected, r.statusCode(), method.toUpperCase() + " " + template + " -> " + r.statusCode() + ": " + r.asString());
            return checkAny(method, template, r);
        }

        /** Whatever the status: documented, and the body as documented for it (a problem for 4xx and 5xx). */
        Response checkAny(String method, String template, Response r) {
            String what = method.toUpperCase() + " " + template + " -> " + r.statusCode();
            if (r.statusCode() >= 400 && !Problem.MEDIA_TYPE.equals(String.valueOf(r.contentType()).split(";")[0].trim())) {
                problems.add(what + ": not a problem details body (" + r.contentType() + ")");
            }
            seen.add(method + " " + template);
            JsonNode op = doc().path("paths").path(template).path(method);
            if (op.isMissingNode()) {
                problems.add(what + ": the operation is not in the document");
                return r;
            }
            JsonNode response = op.path("responses").path(String.valueOf(r.statusCode()));
            if (response.isMissingNode()) response = op.path("responses").path("default");
            if (response.isMissingNode()) {
                problems.add(what + ": status not documented (documented: " + names(op.path("responses")) + ")");
                return r;
            }
            response = deref(response);
            JsonNode headers = response.path("headers");
            for (Iterator<String> h = headers.fieldNames(); h.hasNext(); ) {
                String name = h.next();
                if (headers.path(name).path("required").asBoolean(false) && r.header(name) == null) {
                    problems.add(what + ": required header " + name + " missing");
                }
            }
            String body = r.asString();
            if (body == null || body.isEmpty()) {
                if (response.has("content")) problems.add(what + ": documented with content, answered without a body");
                return r;
            }
            String type = r.contentType() == null ? "" : r.contentType().split(";")[0].trim();
            JsonNode media = response.path("content").path(type);
            if (media.isMissingNode()) {
                problems.add(what + ": media type " + type + " not documented (documented: " + names(response.path("content")) + ")");
                return r;
            }
            if (type.endsWith("json")) {
                JsonNode value;
                try {
                    value = JSON.readTree(body);
                } catch (IOException e) {
                    problems.add(what + ": body is not JSON");
                    return r;
                }
                validate(media.path("schema"), value, what + " $", problems);
            } else if (!media.path("schema").path("type").asText("string").equals("string")) {
                problems.add(what + ": a " + type + " body documented as " + media.path("schema"));
            }
            return r;
        }
    }

    private static String names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out.toString();
    }

    /** Follows a local {@code $ref} ("#/components/..."). */
    JsonNode deref(JsonNode node) {
        int hops = 0;
        while (node.has("$ref") && hops++ < 20) {
            String ref = node.get("$ref").asText();
            assertTrue(ref.startsWith("#/"), "only local references: " + ref);
            JsonNode target = doc().at(ref.substring(1));
            assertFalse(target.isMissingNode(), "dangling reference " + ref);
            node = target;
        }
        return node;
    }

    /**
     * A JSON Schema check of the keywords the document uses: $ref, allOf/anyOf/oneOf, type (with
     * "null" and OpenAPI 3.0's nullable), enum, required, properties, additionalProperties, items.
     * Stricter than JSON Schema in one way: a field in an object whose schema names its properties
     * and says nothing of others must be one of them (the document must name every field sent).
     */
    void validate(JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema == null || schema.isMissingNode() || schema.isBoolean() && schema.asBoolean()) return;
        if (schema.has("$ref")) {
            validate(deref(schema), value, at, problems);
            // Keywords beside a $ref (OpenAPI 3.1) apply too.
            com.fasterxml.jackson.databind.node.ObjectNode rest = schema.deepCopy();
            rest.remove("$ref");
            rest.remove("type"); // "type: object" beside a $ref to an object says nothing more
            if (!rest.isEmpty()) validate(rest, value, at, problems);
            return;
        }
        for (JsonNode sub : schema.path("allOf")) validate(sub, value, at, problems);
        for (String any : List.of("anyOf", "oneOf")) {
            if (schema.has(any)) {
                boolean one = false;
                for (JsonNode sub : schema.get(any)) {
                    List<String> p = new ArrayList<>();
                    validate(sub, value, at, p);
                    one |= p.isEmpty();
                }
                if (!one) problems.add(at + ": matches none of " + any);
            }
        }
        Set<String> types = new LinkedHashSet<>();
        if (schema.path("type").isArray()) schema.get("type").forEach(t -> types.add(t.asText()));
        else if (schema.has("type")) types.add(schema.get("type").asText());
        if (schema.path("nullable").asBoolean(false)) types.add("null");
        if (value.isNull()) {
            if (!types.isEmpty() && !types.contains("null")) problems.add(at + ": null where " + types + " is documented");
            return;
        }
        String actual = value.isTextual() ? "string" : value.isBoolean() ? "boolean" : value.isIntegralNumber() ? "integer"
                : value.isNumber() ? "number" : value.isArray() ? "array" : "object";
        if (!types.isEmpty() && !types.contains(actual) && !(actual.equals("integer") && types.contains("number"))) {
            problems.add(at + ": " + actual + " where " + types + " is documented");
            return;
        }
        if (schema.has("enum")) {
            boolean in = false;
            for (JsonNode e : schema.get("enum")) in |= e.equals(value);
            if (!in) problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isArray()) {
            int i = 0;
            for (JsonNode item : value) validate(schema.path("items"), item, at + "[" + i++ + "]", problems);
        }
        if (value.isObject()) {
            for (JsonNode req : schema.path("required")) {
                if (!value.has(req.asText())) problems.add(at + ": required field " + req.asText() + " missing");
            }
            JsonNode props = schema.path("properties");
            JsonNode extra = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> f = value.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> e = f.next();
                if (props.has(e.getKey())) validate(props.get(e.getKey()), e.getValue(), at + "." + e.getKey(), problems);
                else if (extra != null && extra.isObject()) validate(extra, e.getValue(), at + "." + e.getKey(), problems);
                else if (extra != null && extra.isBoolean() && !extra.asBoolean()) problems.add(at + ": field " + e.getKey() + " not allowed");
                else if (extra == null && props.isObject() && !props.isEmpty()) {
                    problems.add(at + ": field " + e.getKey() + " is sent but not documented");
                }
            }
        }
    }

    @Test
    void theCheckerFindsWhatIsWrong() throws IOException {
        List<String> problems = new ArrayList<>();
        validate(schema("Decision"), JSON.readTree("""
                {"decisionId": "d", "outcome": "MAYBE", "allowed": "yes", "asOf": "2026-01-01", "evaluatedAt": "t",
                 "ruleset": {"version": "v", "digest": null}, "reasons": [{"rule": "r", "effect": "PERMIT", "colour": "red"}],
                 "obligations": []}"""), "$", problems);
        assertEquals(Set.of("$.outcome: \"MAYBE\" is not one of [\"ALLOW\",\"DENY\",\"REVIEW\"]",
                "$.allowed: string where [boolean] is documented", "$.ruleset.digest: null where [string] is documented",
                "$.reasons[0]: field colour is sent but not documented", "$: required field missing missing"),
                new java.util.HashSet<>(problems), "problems found: " + problems);
    }

    // ---- (b) the contract's field names in the document ----------------------------------------

    @Test
    void contractCopyIsTheContract() throws IOException {
        assertTrue(Files.exists(CONTRACT), CONTRACT + " (the project's copy of decision-api-v1)");
        if (Files.exists(SHARED_CONTRACT)) {
            assertEquals(Files.readString(SHARED_CONTRACT), Files.readString(CONTRACT),
                    CONTRACT + " differs from the contract at " + SHARED_CONTRACT + ": copy it again");
        }
    }

    @Test
    void everyFieldOfTheContractIsInTheDocument() throws IOException {
        String contract = Files.readString(CONTRACT);
        JsonNode request = schema("OperationRequest");
        JsonNode decision = schema("Decision");
        JsonNode page = schema("DecisionPage");
        List<String> problems = new ArrayList<>();
        int checked = 0;

        // Every JSON example: a request, a decision, or a page of the search; every field at its place.
        Matcher blocks = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(contract);
        int examples = 0;
        while (blocks.find()) {
            JsonNode example = JSON.readTree(blocks.group(1));
            examples++;
            JsonNode schema = example.has("items") ? page : example.has("decisionId") || example.has("supervision") ? decision : request;
            checked += fields(example, schema, "", problems);
        }
        assertEquals(5, examples, "the contract's JSON examples (request, decision, request additions, search page, "
                + "decision additions): read them all");

        // Every field named in the first column of a table (value sets, additions): a request field.
        Matcher rows = Pattern.compile("(?m)^\\| ([^|]*`[^|]*)\\|").matcher(contract);
        Matcher field = Pattern.compile("`([a-zA-Z]+(?:\\[\\])?(?:\\.[a-zA-Z]+(?:\\[\\])?)*)`").matcher("");
        while (rows.find()) {
            field.reset(rows.group(1));
            while (field.find()) {
                checked++;
                if (at(request, field.group(1)) == null) problems.add("request field " + field.group(1) + " (contract table)");
            }
        }

        // Problem details with errors[].field and errors[].message.
        JsonNode problem = schema("Problem");
        for (String f : List.of("type", "title", "status", "detail", "errors[].field", "errors[].message")) {
            checked++;
            if (at(problem, f) == null) problems.add("problem field " + f);
        }
        assertTrue(problems.isEmpty(), "fields of the contract missing from the OpenAPI document:\n  " + String.join("\n  ", problems));
        assertTrue(checked > 150, "fields checked: " + checked);
    }

    JsonNode schema(String name) {
        JsonNode s = doc().path("components").path("schemas").path(name);
        assertFalse(s.isMissingNode(), "schema " + name);
        return s;
    }

    /** Checks every field of the example (recursively, into arrays) against the schema; returns how many. */
    int fields(JsonNode example, JsonNode schema, String path, List<String> problems) {
        int n = 0;
        if (example.isArray()) {
            for (JsonNode item : example) n += fields(item, items(schema), path + "[]", problems);
            return n;
        }
        if (!example.isObject()) return 0;
        for (Iterator<Map.Entry<String, JsonNode>> f = example.fields(); f.hasNext(); ) {
            Map.Entry<String, JsonNode> e = f.next();
            if (e.getKey().equals("…")) continue;
            n++;
            JsonNode sub = property(schema, e.getKey());
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (sub == null) problems.add(p + " (contract example)");
            else n += fields(e.getValue(), sub, p, problems);
        }
        return n;
    }

    /** The schema at a dotted path ("recipients[].country"), or null. */
    JsonNode at(JsonNode schema, String path) {
        JsonNode s = schema;
        for (String part : path.split("\\.")) {
            boolean array = part.endsWith("[]");
            s = property(s, array ? part.substring(0, part.length() - 2) : part);
            if (s == null) return null;
            if (array) s = items(s);
            if (s == null) return null;
        }
        return s;
    }

    JsonNode property(JsonNode schema, String name) {
        if (schema == null) return null;
        JsonNode s = deref(schema);
        if (s.path("properties").has(name)) return s.path("properties").get(name);
        for (JsonNode sub : s.path("allOf")) {
            JsonNode p = property(sub, name);
            if (p != null) return p;
        }
        return null;
    }

    JsonNode items(JsonNode schema) {
        JsonNode s = deref(schema);
        return s.has("items") ? s.get("items") : null;
    }

    // ---- (c) only the public API, described, secured, with its problems --------------------------

    @Test
    void onlyThePublicApiDescribedAndSecured() throws IOException {
        JsonNode paths = doc().path("paths");
        List<String> problems = new ArrayList<>();
        paths.fieldNames().forEachRemaining(p -> {
            if (!p.startsWith("/v1/")) problems.add(p + " is not public API");
        });
        assertFalse(paths.has("/bench/echo"), "/bench/echo is a benchmark aid");

        JsonNode scheme = doc().path("components").path("securitySchemes").path(ApiDocument.BEARER);
        assertEquals("http", scheme.path("type").asText(), "bearer scheme: " + scheme);
        assertEquals("bearer", scheme.path("scheme").asText(), "bearer scheme: " + scheme);

        Set<String> ids = new LinkedHashSet<>();
        paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (!Set.of("get", "post", "put", "delete", "patch").contains(m.getKey())) return;
            String what = m.getKey().toUpperCase() + " " + p.getKey();
            JsonNode op = m.getValue();
            for (String f : List.of("operationId", "summary", "description")) {
                if (op.path(f).asText("").isBlank()) problems.add(what + ": no " + f);
            }
            if (!ids.add(op.path("operationId").asText())) problems.add(what + ": operationId used twice");
            if (!op.path("security").toString().contains("\"" + ApiDocument.BEARER + "\"")) problems.add(what + ": no bearer security");
            if (op.path("tags").isEmpty()) problems.add(what + ": no tag");
            JsonNode responses = op.path("responses");
            boolean success = false;
            for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
                String code = codes.next();
                JsonNode r = deref(responses.get(code));
                if (code.startsWith("2")) success = true;
                if (r.path("description").asText("").isBlank()) problems.add(what + " " + code + ": no description");
                if (code.startsWith("4") || code.startsWith("5")) {
                    JsonNode media = r.path("content").path(Problem.MEDIA_TYPE).path("schema");
                    if (!deref(media).equals(schema("Problem"))) problems.add(what + " " + code + ": not a problem details body");
                }
            }
            if (!success) problems.add(what + ": no success response");
            for (String code : List.of("401", "403", "503")) {
                if (!responses.has(code)) problems.add(what + ": " + code + " not listed");
            }
            if (op.path("requestBody").path("content").has("application/json") && !responses.has("400")) {
                problems.add(what + ": takes JSON but lists no 400");
            }
        }));
        JsonNode decide = paths.path("/v1/decisions").path("post");
        if (!deref(decide.path("responses").path("201")).path("headers").has("Location")) problems.add("decide: 201 without Location");
        for (String code : List.of("400", "413", "415", "422")) {
            if (!decide.path("responses").has(code)) problems.add("decide: " + code + " not listed");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void requestExamplesAreTheFilesInExamples() throws IOException {
        JsonNode examples = doc().at("/paths/~1v1~1decisions/post/requestBody/content/application~1json/examples");
        int n = 0;
        try (var files = Files.list(Path.of("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".json", "");
                assertEquals(JSON.readTree(Files.readString(f)), examples.path(name).path("value"), "example " + name);
                n++;
            }
        }
        assertEquals(n, examples.size(), "one example per file in examples/: " + names(examples));
        // Each example is a valid request by the document's own schema.
        List<String> problems = new ArrayList<>();
        examples.fields().forEachRemaining(e -> validate(schema("OperationRequest"), e.getValue().path("value"), e.getKey(), problems));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
