package lexgate.store;

import io.quarkus.test.junit.QuarkusTest;
import lexgate.api.DecisionApiTest;
import lexgate.testing.TestDb;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new decision's JSON is made as UTF-8 only: sent as the body, hashed, and sent to PostgreSQL as
 * bytes that the server stores as text (H2 is given the text decoded from them). Text outside ASCII
 * and outside the Basic Multilingual Plane must come back exactly: the stored text is the body sent,
 * the request reads back as it was asked, and the chain verifies. A text with an unpaired surrogate
 * (valid JSON, not Unicode text, which PostgreSQL cannot store) is a 422 naming the field. Speaks
 * HTTP and reads the table, so {@code Utf8RecordIT} runs it against the packaged jar on H2 and on
 * PostgreSQL.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class Utf8RecordTest {
    /** Latin-1 (é, ü, §), the BMP beyond it (–, €), an emoji (a surrogate pair) sent as it is, then escaped. */
    static final String NAME_JSON = "Caf\u00e9 M\u00fcller \u00a7 \u2013 \u20ac \uD83D\uDE00 \\ud83d\\ude00 end";
    static final String NAME = "Caf\u00e9 M\u00fcller \u00a7 \u2013 \u20ac \uD83D\uDE00 \uD83D\uDE00 end";

    static String withName(String nameJson) {
        return DecisionApiTest.DELIVERY.replace("\"name\":\"Shop\"", "\"name\":\"" + nameJson + "\"");
    }

    @Test
    void textBeyondAsciiIsStoredAsSentAndTheChainVerifies() throws Exception {
        String request = withName(NAME_JSON);
        assertTrue(request.contains(NAME_JSON));
        byte[] body = given().contentType("application/json; charset=utf-8").body(request.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/decisions").then().statusCode(201).extract().asByteArray();
        String id = given().when().get("/v1/decisions/"
                        + new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("decisionId").asText())
                .then().statusCode(200)
                .body("request.controller.name", equalTo(NAME))
                .extract().path("decisionId");

        String requestJson;
        String responseJson;
        try (Connection c = TestDb.connection();
             PreparedStatement q = c.prepareStatement("SELECT request_json, response_json FROM decision WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "stored");
                requestJson = rs.getString(1);
                responseJson = rs.getString(2);
            }
        }
        // The body sent is the text stored, byte for byte.
        assertArrayEquals(body, responseJson.getBytes(StandardCharsets.UTF_8));
        // Characters are stored as themselves, the emoji as one 4-byte UTF-8 character both times
        // (Jackson's UTF-8 writer escapes it as two surrogates unless told otherwise).
        assertTrue(requestJson.contains("\"" + NAME + "\""), requestJson);
        assertFalse(requestJson.toLowerCase(java.util.Locale.ROOT).contains("\\ud83d"), requestJson);
        assertEquals(NAME, new com.fasterxml.jackson.databind.ObjectMapper().readTree(requestJson)
                .path("controller").path("name").asText());

        given().when().get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    static long stored() throws Exception {
        try (Connection c = TestDb.connection();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM decision");
             ResultSet rs = q.executeQuery()) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    /** The request with the name's bytes put in as they are (not UTF-8 encoded by the test). */
    static byte[] withNameBytes(byte[] name) {
        String[] parts = withName("@@NAME@@").split("@@NAME@@");
        byte[] a = parts[0].getBytes(StandardCharsets.US_ASCII), b = parts[1].getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[a.length + name.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(name, 0, out, a.length, name.length);
        System.arraycopy(b, 0, out, a.length + name.length, b.length);
        return out;
    }

    @Test
    void bytesThatAreNotUtf8AreA400AndNothingIsStored() throws Exception {
        long before = stored();
        // A stray continuation byte, a lead byte followed by ASCII, and Latin-1's single byte for
        // "é" sent without saying so: each was once read as U+FFFD, so the record was not the request.
        for (byte[] name : new byte[][] {{'C', 'a', (byte) 0x80}, {'C', 'a', (byte) 0xC3, '(', 'x'}, {'C', 'a', 'f', (byte) 0xE9}}) {
            given().contentType("application/json").body(withNameBytes(name))
                    .when().post("/v1/decisions").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("not UTF-8"))
                    .body("errors[0].field", equalTo("controller.name"));
        }
        // Outside any field: a key that is not UTF-8.
        given().contentType("application/json").body(new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'})
                .when().post("/v1/decisions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not UTF-8"));
        assertEquals(before, stored(), "nothing stored for a body that is not UTF-8");
    }

    @Test
    void aBodyInTheCharsetItNamesIsReadInIt() throws Exception {
        byte[] latin1 = withNameBytes(new byte[] {'C', 'a', 'f', (byte) 0xE9});
        String id = given().contentType("application/json; charset=ISO-8859-1").body(latin1)
                .when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
        given().when().get("/v1/decisions/" + id).then().statusCode(200)
                .body("request.controller.name", equalTo("Caf\u00e9"));
        long before = stored();
        given().contentType("application/json; charset=x-no-such-charset").body(latin1)
                .when().post("/v1/decisions").then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("x-no-such-charset"));
        assertEquals(before, stored());
    }

    @Test
    void anUnpairedSurrogateIsRefusedNamingTheField() {
        for (String name : new String[] {"x \\ud800 y", "x \\udc00", "\\ud83d"}) {
            given().contentType("application/json").body(withName(name).getBytes(StandardCharsets.UTF_8))
                    .when().post("/v1/decisions").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("controller.name"))
                    .body("errors[0].message", containsString("unpaired surrogate"));
        }
    }
}
