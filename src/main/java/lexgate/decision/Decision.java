package lexgate.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A decision as the contract's response body defines it; {@code request} is set only when read back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"decisionId", "outcome", "allowed", "asOf", "evaluatedAt", "ruleset", "language", "reasons", "obligations",
        "missing", "supervision", "exposure", "request"})
@Schema(description = "A decision (decision-api-v1): the outcome, every reason with its citations, the obligations that "
        + "come with it and the facts the rules needed and did not get; request only when read back")
public record Decision(@Schema(required = true) String decisionId, @Schema(required = true) Outcome outcome,
                       @Schema(required = true, description = "true only for ALLOW") boolean allowed,
                       @Schema(required = true, format = "date") String asOf,
                       @Schema(required = true, format = "date-time") String evaluatedAt,
                       @Schema(required = true) RulesetRef ruleset, @Schema(required = true) List<Reason> reasons,
                       @Schema(required = true) List<Obligation> obligations,
                       @Schema(required = true) List<Missing> missing,
                       @Schema(description = "the operation exactly as evaluated (after defaults); only in GET /v1/decisions/{id}")
                       OperationRequest request, String language, Supervision supervision,
                       Exposure exposure) {

    /** ALLOW, DENY or REVIEW. */
    public enum Outcome { ALLOW, DENY, REVIEW }

    /** The ruleset that decided. */
    public record RulesetRef(@Schema(required = true) String version, @Schema(required = true) String digest) {}

    /** A citation with its label and URL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CitationRef(@Schema(required = true) String id, String label, String url) {}

    /**
     * A reason: a rule that fired with effect PERMIT, DENY or REVIEW; {@code fineTier}, for a DENY, the
     * paragraph of GDPR Art. 83 under which an infringement of the rule's provisions is fined.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"rule", "effect", "fineTier", "jurisdiction", "citations", "explanation"})
    public record Reason(@Schema(required = true) String rule,
                         @Schema(required = true, enumeration = {"PERMIT", "DENY", "REVIEW"}) String effect, String jurisdiction, List<CitationRef> citations,
                         String explanation, @Schema(enumeration = {"83(4)", "83(5)", "83(6)"}) String fineTier) {
        /** A reason without a fine tier. */
        public Reason(String rule, String effect, String jurisdiction, List<CitationRef> citations, String explanation) {
            this(rule, effect, jurisdiction, citations, explanation, null);
        }
    }

    /** A supervisory authority. */
    public record AuthorityRef(String id, String name, String country) {}

    /**
     * Which supervisory authorities are competent: the lead authority (Art. 56(1)), or none, and the
     * authorities concerned or competent without a lead; the provisions the deciding rules cite.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Supervision(AuthorityRef lead, List<AuthorityRef> concerned, List<CitationRef> citations) {}

    /** The highest Art. 83 tier among the DENY reasons, with its ceiling in words. */
    public record Exposure(String tier, String maximum) {}

    /** An obligation that comes with the decision. */
    public record Obligation(String rule, String action, List<CitationRef> citations, String explanation) {}

    /** A fact the rules needed and the request left out. */
    public record Missing(String field, String reason) {}

    /** The same decision with the request it evaluated attached. */
    public Decision withRequest(OperationRequest req) {
        return new Decision(decisionId, outcome, allowed, asOf, evaluatedAt, ruleset, reasons, obligations, missing, req, language,
                supervision, exposure);
    }

    /** The language its explanations were given in ("en" for decisions stored before languages existed). */
    public String languageOrEnglish() {
        return language == null ? "en" : language;
    }
}
