package lexgate.vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a rule concludes for the response. The engine attaches the id, citations and jurisdiction of
 * the rule that inserted it; the rule supplies only the effect and the words.
 */
public final class Finding {
    /** The kinds of finding. */
    @Doc("The kinds of finding.")
    public enum Effect { PERMIT, DENY, REVIEW, OBLIGATION, LEAD_AUTHORITY, CONCERNED_AUTHORITY }

    private final Effect effect;
    private final String explanation;
    private final String field;
    private final String action;
    private final int index;
    private final List<Object> args;
    /**
     * Computed once: the engine's truth maintenance hashes each logically inserted finding, more than
     * once per firing (Objects.hash and its array on every call were 1.4% of the worst request).
     */
    private final int hash;

    private Finding(Effect effect, String explanation, String field, String action) {
        this(effect, explanation, field, action, 0, List.of());
    }

    private Finding(Effect effect, String explanation, String field, String action, int index, List<Object> args) {
        this.effect = effect;
        this.explanation = Objects.requireNonNull(explanation);
        this.field = field;
        this.action = action;
        this.index = index;
        this.args = args;
        this.hash = Objects.hash(effect, explanation, field, action);
    }

    /**
     * The same finding, as the n-th of its rule's consequence. Added by the compiler when it rewrites
     * a checked consequence (rule files cannot call it): an answer in another language takes the
     * rule's n-th translation.
     */
    public Finding at(int n) {
        return new Finding(effect, explanation, field, action, n, args);
    }

    /** The same finding with one more value of its explanation (added by the compiler, like {@link #at}). */
    public Finding arg(Object value) {
        List<Object> more = new ArrayList<>(args);
        more.add(value);
        return new Finding(effect, explanation, field, action, index, java.util.Collections.unmodifiableList(more));
    }

    /** Its place among its rule's findings, in consequence order. */
    @Doc("Its place among its rule's findings, in consequence order.")
    public int getIndex() { return index; }

    /** The values its explanation joins to its words, in order: the placeholders {0}, {1}, ... of its translations. */
    @Doc("The values its explanation joins to its words, in order: the placeholders {0}, {1}, ... of its translations.")
    public List<Object> getArgs() { return args; }

    /** The provision is satisfied: a reason with effect PERMIT. */
    @Doc("The provision is satisfied: a reason with effect PERMIT.")
    @RuleApi
    public static Finding permit(String explanation) { return new Finding(Effect.PERMIT, explanation, null, null); }
    /** The provision is violated: a reason with effect DENY. */
    @Doc("The provision is violated: a reason with effect DENY.")
    @RuleApi
    public static Finding deny(String explanation) { return new Finding(Effect.DENY, explanation, null, null); }
    /** A person must judge: a reason with effect REVIEW. */
    @Doc("A person must judge: a reason with effect REVIEW.")
    @RuleApi
    public static Finding review(String explanation) { return new Finding(Effect.REVIEW, explanation, null, null); }
    /** A fact the provision needs is unknown: a REVIEW reason plus a {@code missing} entry naming the field. */
    @Doc("A fact the provision needs is unknown: a REVIEW reason plus a missing entry naming the field.")
    @RuleApi
    public static Finding missing(String field, String explanation) {
        return new Finding(Effect.REVIEW, explanation, Objects.requireNonNull(field), null);
    }
    /** Something the caller must do for the processing to stay lawful. */
    @Doc("Something the caller must do for the processing to stay lawful.")
    @RuleApi
    public static Finding obligation(String action, String explanation) {
        return new Finding(Effect.OBLIGATION, explanation, null, Objects.requireNonNull(action));
    }

    /**
     * The lead supervisory authority (policies/authorities.yaml id) of the operation: the one-stop-shop
     * of Art. 56(1), or the one authority competent where the controller has a single establishment.
     */
    @Doc("The lead supervisory authority (an id of policies/authorities.yaml): Art. 56(1), or the one competent authority of a single establishment.")
    @RuleApi
    public static Finding lead(String authority, String explanation) {
        return new Finding(Effect.LEAD_AUTHORITY, explanation, null, Objects.requireNonNull(authority));
    }
    /** A supervisory authority concerned (Art. 4(22)) or competent without a lead (Art. 3(2), 55(2)). */
    @Doc("A supervisory authority concerned (Art. 4(22)), or competent without a lead (Art. 3(2) and 27, Art. 55(2)).")
    @RuleApi
    public static Finding concerned(String authority, String explanation) {
        return new Finding(Effect.CONCERNED_AUTHORITY, explanation, null, Objects.requireNonNull(authority));
    }

    /** The effect. */
    @Doc("The effect.")
    public Effect getEffect() { return effect; }
    /** The explanation for people. */
    @Doc("The explanation for people.")
    public String getExplanation() { return explanation; }
    /** The request field that is missing, or null. */
    @Doc("The request field that is missing, or null.")
    public String getField() { return field; }
    /** The obligation's action code, or the authority's id of a lead or concerned authority, or null. */
    @Doc("The obligation's action code, or the authority's id of a lead or concerned authority, or null.")
    public String getAction() { return action; }

    @Override public boolean equals(Object o) {
        return o instanceof Finding f && f.effect == effect && f.explanation.equals(explanation)
                && Objects.equals(f.field, field) && Objects.equals(f.action, action);
    }
    @Override public int hashCode() { return hash; }
}
