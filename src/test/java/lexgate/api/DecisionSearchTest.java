package lexgate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /v1/decisions as the contract's "Finding stored decisions" defines it: every filter (the
 * expected rows are worked out from the stored decisions themselves, read back one by one), newest
 * first, cursor paging across pages without a duplicate or a gap (also while decisions are added),
 * CSV that a standard CSV reader (Apache Commons CSV) parses to the JSON rows, and a problem naming
 * the parameter for every bad value.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class DecisionSearchTest {

    /** What a stored decision is, read back with GET /v1/decisions/{id}. */
    record Stored(String id, String operationId, String outcome, String purpose, String asOf, String evaluatedAt,
                  String controller, List<String> rules, List<String> citations) {}

    /** How the service records this test's caller (@TestSecurity's user here; a real key against the jar). */
    String caller() {
        return "anonymous";
    }

    /** The decisions this class stored, in the order stored; and the time before the first one. */
    static List<Stored> stored;
    static String since;

    static String body(String operationId, String asOf, String controller, String purpose, String basis, boolean notice) {
        return """
                {"operationId":%s,"asOf":"%s",
                 "controller":{"name":%s,"establishment":"FR","publicAuthority":false},
                 "purpose":{"code":"%s"},
                 "legalBasis":{"article":"%s"},
                 "data":{"categories":["identity","contact"],"source":"data-subject"},
                 "subjects":{"categories":["customers"],"countries":["FR"]},
                 %s
                 "retention":{"days":365}}
                """.formatted(quote(operationId), asOf, quote(controller), purpose, basis,
                notice ? "\"transparency\":{\"noticeProvided\":true}," : "");
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @SuppressWarnings("unchecked")
    static Stored post(String body) {
        String id = given().contentType("application/json").body(body).when().post("/v1/decisions")
                .then().log().ifValidationFails().statusCode(201).extract().path("decisionId");
        JsonPath d = given().when().get("/v1/decisions/" + id).then().statusCode(200).extract().jsonPath();
        LinkedHashSet<String> rules = new LinkedHashSet<>(d.getList("reasons.rule", String.class));
        rules.addAll(d.getList("obligations.rule", String.class));
        LinkedHashSet<String> cites = new LinkedHashSet<>();
        for (Object l : d.getList("reasons.citations.id")) cites.addAll((List<String>) l);
        for (Object l : d.getList("obligations.citations.id")) cites.addAll((List<String>) l);
        return new Stored(id, d.getString("request.operationId"), d.getString("outcome"), d.getString("request.purpose.code"),
                d.getString("asOf"), d.getString("evaluatedAt"), d.getString("request.controller.name"),
                List.copyOf(rules), List.copyOf(cites));
    }

    @BeforeEach
    void storeOnce() throws InterruptedException {
        if (stored != null) return;
        since = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1).toString();
        List<Stored> s = new ArrayList<>();
        String[] purposes = {"order-fulfilment", "direct-marketing", "customer-care"};
        for (int i = 0; i < 24; i++) {
            String purpose = purposes[i % 3];
            String basis = i % 4 == 3 ? "6(1)(f)" : "6(1)(b)";
            // A controller name that needs CSV quoting (comma, quote) now and then (control characters are refused).
            String controller = i % 5 == 0 ? "Shop, \"Quoted\" & Co " + i : "Shop " + i;
            s.add(post(body("s19-" + i, LocalDate.of(2025, 3, 1 + i).toString(), controller, purpose, basis, i % 6 != 1)));
            if (i == 11) Thread.sleep(5); // a gap in storage time to filter on
        }
        stored = s;
        Set<String> outcomes = new HashSet<>();
        s.forEach(x -> outcomes.add(x.outcome()));
        assertTrue(outcomes.size() >= 2, "the generated decisions have more than one outcome: " + outcomes);
    }

    /** The items' decision ids for a query (always limited to this class's decisions by storedFrom). */
    static List<String> ids(Map<String, Object> params) {
        Response r = given().queryParams(params).queryParam("storedFrom", since).queryParam("limit", 500)
                .when().get("/v1/decisions");
        r.then().statusCode(200).body("next", nullValue());
        List<String> ids = new ArrayList<>(r.jsonPath().getList("items.decisionId", String.class));
        ids.removeAll(late);
        return ids;
    }

    /** Decisions stored by the paging test between two pages (not in {@link #stored}). */
    static final Set<String> late = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The stored decisions that match, newest first. */
    static List<String> expected(Predicate<Stored> p) {
        List<String> out = new ArrayList<>();
        for (int i = stored.size() - 1; i >= 0; i--) if (p.test(stored.get(i))) out.add(stored.get(i).id());
        return out;
    }

    @Test
    void everyFilterSelectsExactlyTheMatchingDecisionsNewestFirst() {
        assertEquals(expected(x -> true), ids(Map.of()), "all of them, newest first");
        for (String o : List.of("ALLOW", "DENY", "REVIEW")) {
            assertEquals(expected(x -> x.outcome().equals(o)), ids(Map.of("outcome", o)), "outcome " + o);
        }
        assertEquals(expected(x -> x.purpose().equals("direct-marketing")), ids(Map.of("purpose", "direct-marketing")));
        String rule = stored.get(1).rules().get(0);
        List<String> byRule = expected(x -> x.rules().contains(rule));
        assertFalse(byRule.isEmpty());
        assertEquals(byRule, ids(Map.of("rule", rule)), "rule " + rule);
        // An obligation's rule is found too.
        for (Stored x : stored) {
            for (String r : x.rules()) assertTrue(ids(Map.of("rule", r)).contains(x.id()), "rule " + r + " finds " + x.id());
        }
        // Citation: an id, or a prefix at a '-' (as the cases' cite): eu-gdpr:A6 finds eu-gdpr:A6-1-b, not eu-gdpr:A60.
        String cite = stored.get(0).citations().get(0);
        assertEquals(expected(x -> x.citations().contains(cite)), ids(Map.of("citation", cite)), "citation " + cite);
        int dash = cite.indexOf('-', cite.indexOf(':'));
        String prefix = dash < 0 ? cite : cite.substring(0, dash);
        assertEquals(expected(x -> x.citations().stream().anyMatch(c -> c.equals(prefix) || c.startsWith(prefix + "-"))),
                ids(Map.of("citation", prefix)), "citation prefix " + prefix);
        assertEquals(List.of(), ids(Map.of("citation", prefix.substring(0, prefix.length() - 1))), "not a prefix at a '-'");
        assertEquals(List.of(), ids(Map.of("citation", "eu-gdpr:%")), "LIKE wildcards are literal");
        assertEquals(List.of(stored.get(7).id()), ids(Map.of("operationId", "s19-7")));
        assertEquals(expected(x -> true), ids(Map.of("client", caller())));
        assertEquals(List.of(), ids(Map.of("client", "key:nobody")));
        // asOf: both ends inclusive.
        assertEquals(expected(x -> x.asOf().compareTo("2025-03-05") >= 0 && x.asOf().compareTo("2025-03-09") <= 0),
                ids(Map.of("asOfFrom", "2025-03-05", "asOfTo", "2025-03-09")));
        assertEquals(5, ids(Map.of("asOfFrom", "2025-03-05", "asOfTo", "2025-03-09")).size());
        // Storage time: an instant (both ends inclusive) or a date (its whole day).
        String at = stored.get(12).evaluatedAt();
        assertEquals(expected(x -> Instant.parse(x.evaluatedAt()).compareTo(Instant.parse(at)) >= 0), ids(Map.of("storedFrom", at)));
        assertEquals(expected(x -> Instant.parse(x.evaluatedAt()).compareTo(Instant.parse(at)) <= 0), ids(Map.of("storedTo", at)));
        String today = Instant.now().toString().substring(0, 10);
        assertEquals(expected(x -> x.evaluatedAt().startsWith(today)), ids(Map.of("storedTo", today)));
        assertEquals(List.of(), given().queryParam("storedTo", LocalDate.parse(today).minusDays(1).toString())
                .queryParam("storedFrom", since).when().get("/v1/decisions").then().statusCode(200)
                .extract().jsonPath().getList("items"));
        // Filters combine with AND.
        assertEquals(expected(x -> x.purpose().equals("order-fulfilment") && x.outcome().equals(stored.get(0).outcome())
                        && x.asOf().compareTo("2025-03-10") >= 0),
                ids(Map.of("purpose", "order-fulfilment", "outcome", stored.get(0).outcome(), "asOfFrom", "2025-03-10")));
    }

    @Test
    void itemsCarryTheContractsFields() {
        Stored s = stored.get(5);
        given().queryParam("operationId", "s19-5").when().get("/v1/decisions").then().statusCode(200)
                .body("items[0].decisionId", equalTo(s.id()))
                .body("items[0].operationId", equalTo("s19-5"))
                .body("items[0].outcome", equalTo(s.outcome()))
                .body("items[0].asOf", equalTo(s.asOf()))
                .body("items[0].evaluatedAt", equalTo(s.evaluatedAt()))
                .body("items[0].purpose", equalTo(s.purpose()))
                .body("items[0].controller", equalTo(s.controller()))
                .body("items[0].ruleset.digest", org.hamcrest.Matchers.startsWith("sha256:"))
                .body("items[0].ruleset.version", org.hamcrest.Matchers.notNullValue())
                .body("items[0].rules", equalTo(s.rules()))
                .body("next", nullValue());
    }

    @Test
    void pagingWalksEveryDecisionOnceEvenWhileDecisionsAreAdded() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = given().queryParam("storedFrom", since).queryParam("limit", 7).queryParam("purpose", "order-fulfilment")
                    .queryParam("asOfTo", "2025-12-31");
            if (cursor != null) req.queryParam("cursor", cursor);
            Response r = req.when().get("/v1/decisions");
            r.then().statusCode(200);
            List<String> page = r.jsonPath().getList("items.decisionId", String.class);
            assertTrue(page.size() <= 7);
            seen.addAll(page);
            cursor = r.jsonPath().getString("next");
            if (cursor != null) {
                assertEquals(7, page.size(), "only the last page is short");
                assertTrue(r.getHeader("Link").contains("cursor=" + cursor), r.getHeader("Link"));
            }
            pages++;
            // A decision stored between two pages (newer than every page) is not seen by this walk.
            if (pages == 1) late.add(post(body("s19-late", "2025-04-01", "Late", "order-fulfilment", "6(1)(b)", true)).id());
        } while (cursor != null && pages < 20);
        assertEquals(new LinkedHashSet<>(seen).size(), seen.size(), "no duplicates: " + seen);
        assertEquals(expected(x -> x.purpose().equals("order-fulfilment")), seen, "no gaps, newest first");
        assertTrue(pages > 1, "more than one page");

        // The same walk over everything (more than three pages) on the default filters.
        List<String> all = new ArrayList<>();
        cursor = null;
        do {
            var req = given().queryParam("storedFrom", since).queryParam("limit", 5);
            if (cursor != null) req.queryParam("cursor", cursor);
            JsonPath p = req.when().get("/v1/decisions").then().statusCode(200).extract().jsonPath();
            all.addAll(p.getList("items.decisionId", String.class));
            cursor = p.getString("next");
        } while (cursor != null);
        assertEquals(new LinkedHashSet<>(all).size(), all.size());
        assertTrue(all.containsAll(expected(x -> true)));
        assertEquals(stored.size() + 1, all.size(), "every decision and the late one");
    }

    @Test
    void csvParsesToTheSameRowsAsJson() throws Exception {
        Response json = given().queryParam("storedFrom", since).queryParam("limit", 10).when().get("/v1/decisions");
        json.then().statusCode(200);
        Response csv = given().accept("text/csv").queryParam("storedFrom", since).queryParam("limit", 10).when().get("/v1/decisions");
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        String text = csv.asString();
        assertTrue(text.contains("\r\n"), "RFC 4180 lines end in CRLF");
        List<CSVRecord> records;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            assertEquals(DecisionListing.CSV_HEADER, p.getHeaderNames());
            records = p.getRecords();
        }
        List<Map<String, Object>> items = json.jsonPath().getList("items");
        assertEquals(items.size(), records.size());
        boolean quoted = false;
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> item = items.get(i);
            CSVRecord rec = records.get(i);
            for (String f : List.of("decisionId", "operationId", "outcome", "asOf", "evaluatedAt", "purpose", "controller", "client")) {
                assertEquals(item.get(f), rec.get(f), f + " of row " + i);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> rs = (Map<String, Object>) item.get("ruleset");
            assertEquals(rs.get("version"), rec.get("rulesetVersion"));
            assertEquals(rs.get("digest"), rec.get("rulesetDigest"));
            assertEquals(item.get("rules"), List.of(rec.get("rules").split(";")));
            quoted |= rec.get("controller").contains(", \"Quoted\"");
        }
        assertTrue(quoted, "a field with a comma and quotes came through");
        assertTrue(text.contains("\"Shop, \"\"Quoted\"\" & Co"), "quoted, quotes doubled (RFC 4180)");
        String next = json.jsonPath().getString("next");
        assertNotNull(next);
        assertEquals(next, csv.getHeader("Lexgate-Next-Cursor"), "the CSV page has the same next page");
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        bad(Map.of("limit", "0"), 422, "limit");
        bad(Map.of("limit", "501"), 422, "limit");
        bad(Map.of("limit", "ten"), 400, "limit");
        bad(Map.of("cursor", "not-a-cursor"), 400, "cursor");
        bad(Map.of("cursor", java.util.Base64.getUrlEncoder().encodeToString("x:12".getBytes())), 400, "cursor");
        bad(Map.of("outcome", "MAYBE"), 422, "outcome");
        bad(Map.of("storedFrom", "yesterday"), 422, "storedFrom");
        bad(Map.of("storedTo", "2026-02-30"), 422, "storedTo");
        bad(Map.of("asOfFrom", "2025-13-01"), 422, "asOfFrom");
        bad(Map.of("asOfTo", "soon"), 422, "asOfTo");
        // Every problem at once.
        given().queryParam("limit", "0").queryParam("outcome", "NO").queryParam("asOfTo", "x").when().get("/v1/decisions")
                .then().statusCode(422).body("errors.field", hasItem("limit")).body("errors.field", hasItem("outcome"))
                .body("errors.field", hasItem("asOfTo"));
        // Limits that are fine.
        given().queryParam("limit", "500").queryParam("outcome", "deny").when().get("/v1/decisions").then().statusCode(200);
        // Nothing matches: an empty page, no next.
        given().queryParam("operationId", "no-such-operation").when().get("/v1/decisions").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("next", nullValue());
    }

    static void bad(Map<String, String> params, int status, String field) {
        given().queryParams(params).when().get("/v1/decisions").then().statusCode(status)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("errors.field", hasItem(field));
    }
}
