package lexgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import lexgate.api.DecisionApiTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evidence for one decision, taken from the service, holds offline with nothing but the
 * service's public key (bin/lexgate verify-evidence); every kind of change to the document fails,
 * with its reason.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class EvidenceTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    record Run(int exit, String out) {}

    static Run verify(Path evidence, Path key) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit = new LexgateCli(new PrintStream(buf, true, StandardCharsets.UTF_8))
                .run(new String[] {"verify-evidence", evidence.toString(), "--public-key", key.toString()});
        return new Run(exit, buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void evidenceHoldsOfflineAndEveryChangeToItFails(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String id = given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
        String doc = given().when().get("/v1/decisions/" + id + "/evidence").then().statusCode(200).extract().asString();
        Path key = tmp.resolve("lexgate.pem");
        Files.writeString(key, given().when().get("/v1/audit/public-key").then().statusCode(200).extract().asString());
        Path file = tmp.resolve("evidence.json");
        Files.writeString(file, doc);

        Run ok = verify(file, key);
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().contains("the evidence holds") && ok.out().contains("the same decision"), ok.out());

        ObjectNode original = (ObjectNode) MAPPER.readTree(doc);
        record Change(String name, Consumer<ObjectNode> edit, String reason) {}
        for (Change c : java.util.List.of(
                new Change("the response", d -> d.put("response", d.get("response").asText().replace("\"ALLOW\"", "\"DENY\"")),
                        "does not match its hash"),
                new Change("a column", d -> ((ObjectNode) d.get("record")).put("purpose", "direct-marketing"), "does not match its hash"),
                // another leaf than the record's (0 is the record's own when it is the first one stored)
                new Change("the audit path", d -> ((ObjectNode) d.get("inclusion")).put("leafIndex",
                        d.get("inclusion").get("leafIndex").asLong() + 1), "audit path"),
                new Change("the signature", d -> ((ObjectNode) d.get("checkpoint")).put("rootHash", "sha256:" + "1".repeat(64)),
                        "audit path"),
                new Change("the signed time", d -> ((ObjectNode) d.get("checkpoint")).put("signedAt", "2020-01-01T00:00:00Z"),
                        "signature does not verify"),
                new Change("a rule file", d -> {
                    var f = (ObjectNode) d.get("ruleset").get("files").get(0);
                    f.put("content", f.get("content").asText() + " ");
                }, "not the digest"))) {
            ObjectNode changed = original.deepCopy();
            c.edit().accept(changed);
            Path f = tmp.resolve("changed.json");
            Files.writeString(f, MAPPER.writeValueAsString(changed));
            Run r = verify(f, key);
            assertEquals(1, r.exit(), c.name() + ": " + r.out());
            assertTrue(r.out().contains("FAILED") && r.out().contains(c.reason()), c.name() + ": " + r.out());
        }

        // Another key does not vouch for the service's checkpoint.
        var other = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        Path otherKey = tmp.resolve("other.pem");
        Files.writeString(otherKey, "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(other.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Run r = verify(file, otherKey);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("not by the key given"), r.out());
    }
}
