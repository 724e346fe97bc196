package lexgate.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical content of a decision record and its hash. The hash covers the id, position,
 * time, client, ruleset digest, the exact request and response as stored, and the previous hash.
 */
public final class DecisionChain {
    /** The hash before the first decision. */
    public static final String GENESIS = "sha256:genesis";
    /** The chain version new records are hashed with. */
    public static final int VERSION = 2;

    private DecisionChain() {}

    /** The hash a record must carry, given the previous one. */
    public static String hash(DecisionRecord r, String prevHash) {
        return hash(r, prevHash, sha256(r.requestBytes()), sha256(r.responseBytes()));
    }

    /** The same hash, given the SHA-256 (hex) of the record's request and response JSON. */
    public static String hash(DecisionRecord r, String prevHash, String requestSha, String responseSha) {
        if (r.chainVersion == 1) {
            String canonical = String.join("\n", "lexgate-decision-v1", r.id, Long.toString(r.seq), r.evaluatedAt.toString(),
                    r.client, r.rulesetDigest, requestSha, responseSha, prevHash);
            return "sha256:" + sha256(canonical);
        }
        // Version 2: every column a reader or replay uses, each written as length:value (null as -1:),
        // so that no two different records can share a canonical text.
        StringBuilder b = new StringBuilder(512).append("lexgate-decision-v2\n");
        for (String f : new String[] {r.id, Long.toString(r.seq), r.evaluatedAt.toString(), r.client, r.rulesetDigest,
                r.rulesetVersion, r.asOf == null ? null : r.asOf.toString(), r.operationId, r.purpose, r.outcome,
                Long.toString(r.durationMicros), r.idempotencyKey, r.idempotencySha, requestSha, responseSha, prevHash}) {
            if (f == null) b.append("-1:\n");
            else b.append(f.length()).append(':').append(f).append('\n');
        }
        return "sha256:" + sha256(b.toString());
    }

    /** SHA-256 of the UTF-8 bytes, in lower-case hex. */
    public static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of the bytes, in lower-case hex. */
    public static String sha256(byte[] bytes) {
        MessageDigest md = SHA256.get();
        md.reset();
        return HexFormat.of().formatHex(md.digest(bytes));
    }

    /** One digest per thread: looking the algorithm up through the security providers costs more than hashing. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
