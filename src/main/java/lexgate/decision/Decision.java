package lexgate.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** A decision as the contract's response body defines it; {@code request} is set only when read back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"decisionId", "outcome", "allowed", "asOf", "evaluatedAt", "ruleset", "language", "reasons", "obligations",
        "missing", "request"})
public record Decision(String decisionId, Outcome outcome, boolean allowed, String asOf, String evaluatedAt,
                       RulesetRef ruleset, List<Reason> reasons, List<Obligation> obligations,
                       List<Missing> missing, OperationRequest request, String language) {

    /** ALLOW, DENY or REVIEW. */
    public enum Outcome { ALLOW, DENY, REVIEW }

    /** The ruleset that decided. */
    public record RulesetRef(String version, String digest) {}

    /** A citation with its label and URL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CitationRef(String id, String label, String url) {}

    /** A reason: a rule that fired with effect PERMIT, DENY or REVIEW. */
    public record Reason(String rule, String effect, String jurisdiction, List<CitationRef> citations,
                         String explanation) {}

    /** An obligation that comes with the decision. */
    public record Obligation(String rule, String action, List<CitationRef> citations, String explanation) {}

    /** A fact the rules needed and the request left out. */
    public record Missing(String field, String reason) {}

    /** The same decision with the request it evaluated attached. */
    public Decision withRequest(OperationRequest req) {
        return new Decision(decisionId, outcome, allowed, asOf, evaluatedAt, ruleset, reasons, obligations, missing, req, language);
    }

    /** The language its explanations were given in ("en" for decisions stored before languages existed). */
    public String languageOrEnglish() {
        return language == null ? "en" : language;
    }
}
