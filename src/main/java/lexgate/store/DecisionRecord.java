package lexgate.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/** One stored decision: the request as evaluated, the response as sent, and the ruleset that made it. */
@Entity
@Table(name = "decision")
public class DecisionRecord extends PanacheEntityBase {
    /** The decision id (a UUID). */
    @Id
    public String id;
    /** Position in the hash chain, 1, 2, 3, ... */
    @Column(nullable = false)
    public long seq;
    /** Who asked: "key:&lt;id&gt;", "jwt:&lt;sub&gt;" or "anonymous". */
    @Column(nullable = false)
    public String client;
    /** The hash of the previous decision in the chain. */
    @Column(name = "prev_hash", nullable = false)
    public String prevHash;
    /** This record's hash (see {@link DecisionChain}). */
    @Column(nullable = false)
    public String hash;
    /** When it was evaluated. */
    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;
    /** The day the processing happens. */
    @Column(name = "as_of", nullable = false)
    public LocalDate asOf;
    /** The client's operation id, if any. */
    @Column(name = "operation_id")
    public String operationId;
    /** The purpose code. */
    @Column(nullable = false)
    public String purpose;
    /** ALLOW, DENY or REVIEW. */
    @Column(nullable = false)
    public String outcome;
    /** The digest of the ruleset that decided. */
    @Column(name = "ruleset_digest", nullable = false)
    public String rulesetDigest;
    /** Its version label. */
    @Column(name = "ruleset_version", nullable = false)
    public String rulesetVersion;
    /** Evaluation time in microseconds. */
    @Column(name = "duration_micros", nullable = false)
    public long durationMicros;
    /** The request as evaluated (after defaults), JSON. */
    @Column(name = "request_json", nullable = false)
    public String requestJson;
    /** The response body as sent, JSON. */
    @Column(name = "response_json", nullable = false)
    public String responseJson;
    /** How the hash was made: 1 (before issue 16: not every column), 2 (every column). */
    @Column(name = "chain_version", nullable = false)
    public int chainVersion = DecisionChain.VERSION;
    /** The client's Idempotency-Key, if it sent one. */
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    /** SHA-256 (hex) of the request body sent with the Idempotency-Key. */
    @Column(name = "idempotency_sha")
    public String idempotencySha;
    /**
     * The request's controller.name, as a search lists it: derived from {@link #requestJson}, not
     * hashed, checked by the verifier ({@link ListedValues}; V7__decision_listing.sql). Null in rows
     * stored before V7.
     */
    @Column(name = "listed_controller")
    public String listedController;
    /** {@link #rules} joined by line feeds ({@link ListedValues#joinRules}), as a search lists them; derived likewise. */
    @Column(name = "listed_rules")
    public String listedRules;

    /**
     * The rule ids of its reasons and obligations, distinct, in order: written to the derived search
     * index with the record (not a column, not hashed). Null when not known (a record read back).
     */
    @jakarta.persistence.Transient
    public java.util.List<String> rules;
    /** The citation ids of its reasons and obligations, distinct: written to the search index likewise. */
    @jakarta.persistence.Transient
    public java.util.List<String> citations;
    /** {@link #rules} and {@link #citations} as interned search terms ({@link SearchTerms}), once set by the writer. */
    @jakarta.persistence.Transient
    int[] termIds;

    /**
     * The request's JSON as UTF-8, for a record made by this service ({@link #requestJson} is then
     * null until {@link #requestText()} is asked for it): what PostgreSQL is sent and what is
     * hashed, so the text is never encoded on the decision's path. Not a column.
     */
    @jakarta.persistence.Transient
    public byte[] requestUtf8;
    /** The response's JSON as UTF-8 (the 201's body), likewise. Not a column. */
    @jakarta.persistence.Transient
    public byte[] responseUtf8;

    /** The request's JSON as text: the column as read, or decoded once from {@link #requestUtf8}. */
    public String requestText() {
        if (requestJson == null && requestUtf8 != null) requestJson = new String(requestUtf8, StandardCharsets.UTF_8);
        return requestJson;
    }

    /** The response's JSON as text: the column as read, or decoded once from {@link #responseUtf8}. */
    public String responseText() {
        if (responseJson == null && responseUtf8 != null) responseJson = new String(responseUtf8, StandardCharsets.UTF_8);
        return responseJson;
    }

    /** The request's JSON as UTF-8: as made, or the text as read encoded. */
    public byte[] requestBytes() {
        return requestUtf8 != null ? requestUtf8 : requestJson.getBytes(StandardCharsets.UTF_8);
    }

    /** The response's JSON as UTF-8: as made, or the text as read encoded. */
    public byte[] responseBytes() {
        return responseUtf8 != null ? responseUtf8 : responseJson.getBytes(StandardCharsets.UTF_8);
    }
}
