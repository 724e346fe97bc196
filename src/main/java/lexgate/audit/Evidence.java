package lexgate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lexgate.decision.Decision;
import lexgate.decision.Evaluation;
import lexgate.decision.Evaluator;
import lexgate.decision.FieldError;
import lexgate.decision.OperationRequest;
import lexgate.decision.RequestValidator;
import lexgate.replay.DecisionDiff;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import lexgate.rules.RulesetException;
import lexgate.rules.SourceFile;
import lexgate.store.DecisionChain;
import lexgate.store.DecisionRecord;

import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The evidence document for one decision, and its offline check. The document holds the stored
 * request and response, the record's place in the chain (hash, previous hash, every column its
 * hash covers), its audit path to a checkpoint signed by the service, and every file of the
 * ruleset that decided. {@link #check} needs nothing but the document and the service's public key:
 * it recomputes the record's hash, climbs the audit path to the signed root, checks the signature,
 * recomputes the ruleset's digest from its files, and evaluates the request again on that ruleset
 * to the same decision.
 */
public final class Evidence {
    /** The format's name, written in every document. */
    public static final String FORMAT = "lexgate-evidence-v1";

    private Evidence() {}

    /** Builds the document. */
    public static ObjectNode build(ObjectMapper mapper, DecisionRecord r, Checkpoints.Checkpoint cp, List<byte[]> path,
                                   String rulesetVersion, List<SourceFile> files) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("format", FORMAT);
        doc.put("decisionId", r.id);
        ObjectNode rec = doc.putObject("record");
        rec.put("id", r.id);
        rec.put("seq", r.seq);
        rec.put("client", r.client);
        rec.put("evaluatedAt", r.evaluatedAt.toString());
        rec.put("asOf", r.asOf.toString());
        rec.put("operationId", r.operationId);
        rec.put("purpose", r.purpose);
        rec.put("outcome", r.outcome);
        rec.put("rulesetDigest", r.rulesetDigest);
        rec.put("rulesetVersion", r.rulesetVersion);
        rec.put("durationMicros", r.durationMicros);
        rec.put("chainVersion", r.chainVersion);
        rec.put("idempotencyKey", r.idempotencyKey);
        rec.put("idempotencySha", r.idempotencySha);
        rec.put("prevHash", r.prevHash);
        rec.put("hash", r.hash);
        doc.put("request", r.requestText());
        doc.put("response", r.responseText());
        ObjectNode inc = doc.putObject("inclusion");
        inc.put("leafIndex", r.seq - 1);
        inc.put("treeSize", cp.treeSize());
        ArrayNode p = inc.putArray("path");
        path.forEach(h -> p.add(Merkle.text(h)));
        doc.set("checkpoint", mapper.valueToTree(cp));
        ObjectNode rs = doc.putObject("ruleset");
        rs.put("digest", r.rulesetDigest);
        rs.put("version", rulesetVersion);
        rs.set("files", mapper.valueToTree(files));
        return doc;
    }

    /**
     * Checks a document against the service's public key; every problem found, in words (empty when
     * the evidence holds). {@code facts} receives what was established, for the report.
     */
    public static List<String> check(ObjectMapper mapper, JsonNode doc, PublicKey key, List<String> facts) {
        List<String> problems = new ArrayList<>();
        if (!FORMAT.equals(doc.path("format").asText())) {
            problems.add("not a Lexgate evidence document (format " + doc.path("format").asText("missing") + ")");
            return problems;
        }
        JsonNode rec = doc.path("record");
        DecisionRecord r = new DecisionRecord();
        try {
            r.id = rec.path("id").asText();
            r.seq = rec.path("seq").asLong();
            r.client = rec.path("client").asText();
            r.evaluatedAt = Instant.parse(rec.path("evaluatedAt").asText());
            r.asOf = LocalDate.parse(rec.path("asOf").asText());
            r.operationId = text(rec, "operationId");
            r.purpose = rec.path("purpose").asText();
            r.outcome = rec.path("outcome").asText();
            r.rulesetDigest = rec.path("rulesetDigest").asText();
            r.rulesetVersion = rec.path("rulesetVersion").asText();
            r.durationMicros = rec.path("durationMicros").asLong();
            r.chainVersion = rec.path("chainVersion").asInt(1);
            r.idempotencyKey = text(rec, "idempotencyKey");
            r.idempotencySha = text(rec, "idempotencySha");
            r.prevHash = rec.path("prevHash").asText();
            r.hash = rec.path("hash").asText();
            r.requestJson = doc.path("request").asText();
            r.responseJson = doc.path("response").asText();
        } catch (RuntimeException e) {
            problems.add("the record in the document cannot be read: " + e.getMessage());
            return problems;
        }
        // 1. The record's hash covers what the document says it decided.
        if (!DecisionChain.hash(r, r.prevHash).equals(r.hash)) {
            problems.add("the record's content (a column, the request or the response) does not match its hash " + r.hash);
        } else {
            facts.add("record " + r.seq + " (" + r.id + ") matches its hash " + r.hash);
        }
        // 2. The record is in the tree whose root the checkpoint signs.
        JsonNode cpn = doc.path("checkpoint");
        Checkpoints.Checkpoint cp = new Checkpoints.Checkpoint(cpn.path("treeSize").asLong(), cpn.path("rootHash").asText(),
                cpn.path("headHash").asText(), cpn.path("signedAt").asText(), cpn.path("keyId").asText(), cpn.path("signature").asText());
        JsonNode inc = doc.path("inclusion");
        List<byte[]> path = new ArrayList<>();
        try {
            inc.path("path").forEach(h -> path.add(Merkle.bytes(h.asText())));
            boolean in = inc.path("leafIndex").asLong(-1) == r.seq - 1 && inc.path("treeSize").asLong() == cp.treeSize()
                    && Merkle.verify(Merkle.leaf(r.hash), r.seq - 1, cp.treeSize(), path, Merkle.bytes(cp.rootHash()));
            if (!in) problems.add("the audit path does not lead from the record to the checkpoint's Merkle root " + cp.rootHash());
            else facts.add("it is record " + r.seq + " of the " + cp.treeSize() + " under the Merkle root " + cp.rootHash());
        } catch (RuntimeException e) {
            problems.add("the audit path cannot be read");
        }
        // 3. The service signed that checkpoint.
        if (!SigningKeys.keyId(key).equals(cp.keyId())) {
            problems.add("the checkpoint was signed by key " + cp.keyId() + ", not by the key given (" + SigningKeys.keyId(key) + ")");
        } else if (!SigningKeys.verify(key, cp.statement(), cp.signature())) {
            problems.add("the checkpoint's signature does not verify with the key given");
        } else {
            facts.add("the checkpoint of " + cp.signedAt() + " is signed by key " + cp.keyId());
        }
        // 4. The ruleset is the one that decided, and 5. it decides the request the same way again.
        List<SourceFile> files = new ArrayList<>();
        doc.path("ruleset").path("files").forEach(f -> files.add(new SourceFile(f.path("path").asText(), f.path("content").asText())));
        String digest = RulesetCompiler.digest(files);
        if (!digest.equals(r.rulesetDigest)) {
            problems.add("the ruleset's files give " + digest + ", not the digest " + r.rulesetDigest + " that decided");
            return problems;
        }
        facts.add("the enclosed files are ruleset " + digest);
        try {
            Ruleset ruleset = RulesetCompiler.compile(files);
            OperationRequest req = mapper.readValue(r.requestJson, OperationRequest.class);
            Decision before = mapper.readValue(r.responseJson, Decision.class);
            List<FieldError> errors = RequestValidator.validate(req, ruleset.policies());
            if (!errors.isEmpty()) {
                problems.add("the stored request is not valid under its own ruleset: " + errors);
                return problems;
            }
            Evaluation after = Evaluator.evaluate(ruleset, req, Evaluator.batchBudget(), before.languageOrEnglish());
            DecisionDiff diff = DecisionDiff.of(before, after);
            if (!before.decisionId().equals(r.id) || !before.outcome().name().equals(r.outcome)) {
                problems.add("the stored response is not the recorded decision " + r.id + " (" + r.outcome + ")");
            } else if (diff.changed()) {
                problems.add("evaluated again on its ruleset, the request gives " + after.outcome() + " with other reasons, not the "
                        + before.outcome() + " recorded");
            } else {
                facts.add("evaluated again on that ruleset, the request gives the same decision: " + after.outcome());
            }
        } catch (RulesetException e) {
            problems.add("the enclosed ruleset does not compile: " + String.join("; ", e.problems()));
        } catch (Exception e) {
            problems.add("the request or the response cannot be read: " + e.getMessage());
        }
        return problems;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
