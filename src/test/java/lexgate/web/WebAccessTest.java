package lexgate.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk over plain HTTP: signing in gives an opaque HttpOnly, SameSite=Strict cookie (never the
 * key, and no key in any URL or page); the roles decide what a session sees (decide nothing, review
 * reads, author also starts analyses and compares rulesets); every form needs the session's CSRF token.
 */
@QuarkusTest
@TestProfile(WebProfile.class)
class WebAccessTest {
    static String decideKey, reviewKey, authorKey;
    static String decisionId;

    static String key(String... roles) {
        return given().header("Authorization", "Bearer " + WebProfile.ADMIN).contentType("application/json")
                .body(Map.of("name", String.join("+", roles) + " web client", "roles", List.of(roles)))
                .when().post("/v1/keys").then().statusCode(201).extract().path("key");
    }

    static String decide(String key, String file) throws Exception {
        return given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body(Files.readString(Path.of("examples", file))).when().post("/v1/decisions").then().statusCode(201)
                .extract().path("decisionId");
    }

    /** Signs in and returns the session cookie's value. */
    static String signIn(String key) {
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("credential", key).when().post("/ui/login");
        assertEquals(303, r.statusCode(), r.body().asString());
        assertNotNull(r.cookie(WebSessions.COOKIE));
        return r.cookie(WebSessions.COOKIE);
    }

    static String page(String session, String path, int status) {
        return given().redirects().follow(false).cookie(WebSessions.COOKIE, session).when().get(path).then()
                .statusCode(status).extract().body().asString();
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "a CSRF token in the page");
        return m.group(1);
    }

    static String activeDigest() {
        return given().header("Authorization", "Bearer " + WebProfile.ADMIN).when().get("/v1/rulesets/active").then()
                .statusCode(200).extract().path("digest");
    }

    @BeforeEach
    void keysAndDecisions() throws Exception {
        if (decideKey != null) return;
        decideKey = key("decide");
        reviewKey = key("review");
        authorKey = key("author");
        decisionId = decide(decideKey, "ai-training-no-notice-no-opt-out.json");
        decide(decideKey, "ai-training-with-safeguards.json");
    }

    @Test
    void signingInSetsAnOpaqueHttpOnlyStrictCookieAndNoKeyTravels() {
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("credential", reviewKey).when().post("/ui/login");
        assertEquals(303, r.statusCode());
        String location = r.header("Location");
        assertTrue(location.endsWith("/ui/"), location);
        assertFalse(location.contains(reviewKey), "no key in the redirect");
        String setCookie = r.header("Set-Cookie");
        assertTrue(setCookie.startsWith(WebSessions.COOKIE + "="), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/ui"), setCookie);
        assertFalse(setCookie.contains("Secure"), "not Secure over plain http: " + setCookie);
        String session = r.cookie(WebSessions.COOKIE);
        assertFalse(session.contains(reviewKey) || reviewKey.contains(session), "the cookie is not the key");
        assertTrue(session.length() >= 40, "a long random id");
        for (String p : List.of("/ui", "/ui/", "/ui/decisions", "/ui/decisions/" + decisionId, "/ui/analyses", "/ui/rules", "/ui/coverage", "/ui/reference")) {
            String html = page(session, p, 200);
            assertFalse(html.contains(reviewKey), "no key on " + p);
            assertFalse(html.contains(session), "no session id on " + p);
            assertFalse(html.contains(WebProfile.ADMIN), "no admin key on " + p);
        }
        // Pages are not cached, framed or scripted.
        given().cookie(WebSessions.COOKIE, session).when().get("/ui/decisions").then().statusCode(200)
                .header("Cache-Control", "no-store").header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        // The login form posts the key in the body, never in the URL.
        String login = given().when().get("/ui/login").then().statusCode(200).extract().body().asString();
        assertTrue(login.contains("method=\"post\" action=\"/ui/login\""), login);
        assertTrue(login.contains("type=\"password\""));
    }

    @Test
    void aTokenFromTheIdentityProviderSignsInToo() throws Exception {
        String token = WebProfile.jwt("alice@example.org", List.of("review"));
        String session = signIn(token);
        String html = page(session, "/ui/decisions", 200);
        assertTrue(html.contains("jwt:alice@example.org"), "the reviewer is named");
        assertFalse(html.contains(token));
        page(signIn("Bearer " + WebProfile.jwt("bob@example.org", List.of("decide"))), "/ui/decisions", 403);
    }

    @Test
    void formsFromAnotherSiteAreRefusedSignInIncluded() {
        given().redirects().follow(false).header("Origin", "https://evil.example").contentType("application/x-www-form-urlencoded")
                .formParam("credential", reviewKey).when().post("/ui/login").then().statusCode(403)
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        String session = signIn(reviewKey);
        String csrf = csrf(page(session, "/ui/decisions", 200));
        given().redirects().follow(false).header("Origin", "https://evil.example").cookie(WebSessions.COOKIE, session)
                .contentType("application/x-www-form-urlencoded").formParam("csrf", csrf).formParam("against", "original")
                .when().post("/ui/decisions/" + decisionId + "/replay").then().statusCode(403);
    }

    @Test
    void aWrongKeyIsRefusedWithoutASession() {
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("credential", "lgk_not-a-key").when().post("/ui/login");
        assertEquals(401, r.statusCode());
        assertEquals(null, r.header("Set-Cookie"));
        assertTrue(r.body().asString().contains("not valid"));
    }

    @Test
    void withoutASessionEveryPageSendsToSignIn() {
        for (String p : List.of("/ui/", "/ui/decisions", "/ui/decisions/" + decisionId, "/ui/analyses", "/ui/rules", "/ui/coverage",
                "/ui/compare", "/ui/decisions.csv")) {
            given().redirects().follow(false).when().get(p).then().statusCode(303).header("Location", containsString("/ui/login"));
            // A bearer header is not a session: the pages take only the cookie.
            given().redirects().follow(false).header("Authorization", "Bearer " + reviewKey).when().get(p).then().statusCode(303);
        }
        given().redirects().follow(false).cookie(WebSessions.COOKIE, "made-up").when().get("/ui/decisions").then().statusCode(303);
        // And the API still wants its header: a session cookie is no API credential.
        String session = signIn(reviewKey);
        given().cookie(WebSessions.COOKIE, session).when().get("/v1/decisions").then().statusCode(401);
    }

    @Test
    void aDecideKeySeesNoPageAndNoData() {
        String session = signIn(decideKey);
        for (String p : List.of("/ui/", "/ui/decisions", "/ui/decisions/" + decisionId, "/ui/decisions/" + decisionId + "/evidence",
                "/ui/decisions.csv", "/ui/analyses", "/ui/rules", "/ui/coverage", "/ui/reference", "/ui/compare")) {
            String html = page(session, p, 403);
            assertFalse(html.contains(decisionId), "no decision on " + p);
            assertTrue(html.contains("Not for your role"), html);
        }
    }

    @Test
    void aReviewerReadsButCannotStartAnAnalysisOrCompare() {
        String session = signIn(reviewKey);
        String list = page(session, "/ui/decisions", 200);
        assertTrue(list.contains(decisionId), "the decision is listed");
        String denied = page(session, "/ui/decisions?outcome=DENY", 200);
        assertTrue(denied.contains(decisionId));
        String allowed = page(session, "/ui/decisions?outcome=ALLOW", 200);
        assertFalse(allowed.contains(decisionId));
        String bad = page(session, "/ui/decisions?outcome=MAYBE", 200);
        assertTrue(bad.contains("must be ALLOW, DENY or REVIEW"), "a bad filter is explained on the page");
        String one = page(session, "/ui/decisions/" + decisionId, 200);
        assertTrue(one.contains("https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_21"), "citations link the official text");
        assertTrue(one.contains("eu.edpb.op28-2024.no-opt-out"));
        String csv = given().cookie(WebSessions.COOKIE, session).when().get("/ui/decisions.csv?outcome=DENY").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().body().asString();
        assertTrue(csv.startsWith("decisionId,operationId,outcome"), csv);
        assertTrue(csv.contains(decisionId));
        given().cookie(WebSessions.COOKIE, session).when().get("/ui/decisions/" + decisionId + "/evidence").then().statusCode(200)
                .body(containsString(decisionId));
        page(session, "/ui/decisions/no-such-id", 404);
        assertTrue(page(session, "/ui/", 200).contains("id=\"purposes\""), "the overview by purpose");
        assertTrue(page(session, "/ui/verify", 200).contains("<span class=\"badge ok\">intact</span>"), "the record verified from the overview");
        page(session, "/ui/analyses", 200);
        page(session, "/ui/rules", 200);
        page(session, "/ui/rules/eu.edpb.op28-2024.no-opt-out", 200);
        page(session, "/ui/coverage", 200);
        String ref = page(session, "/ui/reference", 200);
        assertTrue(ref.contains("<table>") && ref.contains("Operation") && ref.contains("legalBasis.article"),
                "the authors' reference, rendered from the vocabulary, with the request field of each rule property");
        String rule = page(session, "/ui/rules/fr.ldl.a45.under-15", 200);
        assertTrue(rule.contains("lang=\"fr\"") && rule.contains("un mineur peut consentir seul"), "French law quoted in French on the rule page");
        page(session, "/ui/compare", 403);
        String csrf = csrf(page(session, "/ui/decisions/" + decisionId, 200));
        given().redirects().follow(false).cookie(WebSessions.COOKIE, session).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf).formParam("target", activeDigest()).formParam("baseline", "stored")
                .when().post("/ui/analyses").then().statusCode(403).body(not(containsString(decisionId)));
        // A reviewer replays (as over the API), with the token.
        String replay = given().cookie(WebSessions.COOKIE, session).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf).formParam("against", "original").when().post("/ui/decisions/" + decisionId + "/replay")
                .then().statusCode(200).extract().body().asString();
        assertTrue(replay.contains("id=\"replay-diff\""), "the replay is shown side by side");
        assertTrue(replay.contains("No change"), "a decision replays the same on its own ruleset");
    }

    @Test
    void anAuthorStartsAnAnalysisAndComparesRulesets() {
        String session = signIn(authorKey);
        String list = page(session, "/ui/analyses", 200);
        String digest = activeDigest();
        Response started = given().redirects().follow(false).cookie(WebSessions.COOKIE, session)
                .contentType("application/x-www-form-urlencoded").formParam("csrf", csrf(list)).formParam("target", digest)
                .formParam("baseline", "stored").formParam("outcome", "DENY").when().post("/ui/analyses");
        assertEquals(303, started.statusCode(), started.body().asString());
        String where = started.header("Location");
        assertTrue(where.contains("/ui/analyses/"), where);
        String report = page(session, where.substring(where.indexOf("/ui/")), 200);
        assertTrue(report.contains("id=\"outcome-grid\""), report);
        String compare = page(session, "/ui/compare?a=" + digest + "&b=" + digest, 200);
        assertTrue(compare.contains("id=\"files\""), compare);
        assertTrue(compare.contains("same"));
        page(session, "/ui/compare?a=sha256:nope&b=" + digest, 404);
    }

    @Test
    void revokingTheKeyEndsItsSessions() {
        var created = given().header("Authorization", "Bearer " + WebProfile.ADMIN).contentType("application/json")
                .body(Map.of("name", "revoked web client", "roles", List.of("review"))).when().post("/v1/keys").then()
                .statusCode(201).extract();
        String session = signIn(created.path("key"));
        page(session, "/ui/decisions", 200);
        given().header("Authorization", "Bearer " + WebProfile.ADMIN).when().delete("/v1/keys/" + created.path("id")).then()
                .statusCode(204);
        page(session, "/ui/decisions", 303);
    }

    @Test
    void everyFormNeedsTheSessionsCsrfToken() {
        String session = signIn(authorKey);
        String digest = activeDigest();
        for (String token : new String[] {null, "", "forged-token"}) {
            var req = given().redirects().follow(false).cookie(WebSessions.COOKIE, session).contentType("application/x-www-form-urlencoded")
                    .formParam("target", digest).formParam("baseline", "stored");
            if (token != null) req = req.formParam("csrf", token);
            req.when().post("/ui/analyses").then().statusCode(403).body(containsString("Form expired"));
        }
        String review = signIn(reviewKey);
        given().redirects().follow(false).cookie(WebSessions.COOKIE, review).contentType("application/x-www-form-urlencoded")
                .formParam("against", "active").when().post("/ui/decisions/" + decisionId + "/replay").then().statusCode(403);
        given().redirects().follow(false).cookie(WebSessions.COOKIE, review).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", "x").when().post("/ui/logout").then().statusCode(403);
        // Another session's token does not do either.
        String other = csrf(page(signIn(reviewKey), "/ui/decisions", 200));
        given().redirects().follow(false).cookie(WebSessions.COOKIE, session).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", other).formParam("target", digest).when().post("/ui/analyses").then().statusCode(403);
        // Signing out with the token ends the session.
        String token = csrf(page(review, "/ui/decisions", 200));
        given().redirects().follow(false).cookie(WebSessions.COOKIE, review).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", token).when().post("/ui/logout").then().statusCode(303)
                .header("Set-Cookie", containsString("Max-Age=0"));
        page(review, "/ui/decisions", 303);
    }
}
