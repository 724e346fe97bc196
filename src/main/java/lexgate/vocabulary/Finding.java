package lexgate.vocabulary;

import java.util.Objects;

/**
 * What a rule concludes for the response. The engine attaches the id, citations and jurisdiction of
 * the rule that inserted it; the rule supplies only the effect and the words.
 */
public final class Finding {
    /** The kinds of finding. */
    public enum Effect { PERMIT, DENY, REVIEW, OBLIGATION }

    private final Effect effect;
    private final String explanation;
    private final String field;
    private final String action;

    private Finding(Effect effect, String explanation, String field, String action) {
        this.effect = effect;
        this.explanation = Objects.requireNonNull(explanation);
        this.field = field;
        this.action = action;
    }

    /** The provision is satisfied: a reason with effect PERMIT. */
    @RuleApi
    public static Finding permit(String explanation) { return new Finding(Effect.PERMIT, explanation, null, null); }
    /** The provision is violated: a reason with effect DENY. */
    @RuleApi
    public static Finding deny(String explanation) { return new Finding(Effect.DENY, explanation, null, null); }
    /** A person must judge: a reason with effect REVIEW. */
    @RuleApi
    public static Finding review(String explanation) { return new Finding(Effect.REVIEW, explanation, null, null); }
    /** A fact the provision needs is unknown: a REVIEW reason plus a {@code missing} entry naming the field. */
    @RuleApi
    public static Finding missing(String field, String explanation) {
        return new Finding(Effect.REVIEW, explanation, Objects.requireNonNull(field), null);
    }
    /** Something the caller must do for the processing to stay lawful. */
    @RuleApi
    public static Finding obligation(String action, String explanation) {
        return new Finding(Effect.OBLIGATION, explanation, null, Objects.requireNonNull(action));
    }

    /** The effect. */
    public Effect getEffect() { return effect; }
    /** The explanation for people. */
    public String getExplanation() { return explanation; }
    /** The request field that is missing, or null. */
    public String getField() { return field; }
    /** The obligation's action code, or null. */
    public String getAction() { return action; }

    @Override public boolean equals(Object o) {
        return o instanceof Finding f && f.effect == effect && f.explanation.equals(explanation)
                && Objects.equals(f.field, field) && Objects.equals(f.action, action);
    }
    @Override public int hashCode() { return Objects.hash(effect, explanation, field, action); }
}
