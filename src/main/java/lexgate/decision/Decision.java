package lexgate.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** A decision as the contract's response body defines it; {@code request} is set only when read back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"decisionId", "outcome", "allowed", "asOf", "evaluatedAt", "ruleset", "language", "reasons", "obligations",
        "missing", "supervision", "exposure", "request"})
public record Decision(String decisionId, Outcome outcome, boolean allowed, String asOf, String evaluatedAt,
                       RulesetRef ruleset, List<Reason> reasons, List<Obligation> obligations,
                       List<Missing> missing, OperationRequest request, String language, Supervision supervision,
                       Exposure exposure) {

    /** ALLOW, DENY or REVIEW. */
    public enum Outcome { ALLOW, DENY, REVIEW }

    /** The ruleset that decided. */
    public record RulesetRef(String version, String digest) {}

    /** A citation with its label and URL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CitationRef(String id, String label, String url) {}

    /**
     * A reason: a rule that fired with effect PERMIT, DENY or REVIEW; {@code fineTier}, for a DENY, the
     * paragraph of GDPR Art. 83 under which an infringement of the rule's provisions is fined.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"rule", "effect", "fineTier", "jurisdiction", "citations", "explanation"})
    public record Reason(String rule, String effect, String jurisdiction, List<CitationRef> citations,
                         String explanation, String fineTier) {
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
