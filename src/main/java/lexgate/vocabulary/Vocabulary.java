package lexgate.vocabulary;

import java.util.List;

/** The vocabulary's index: which types rule files may match on or use, in the order the reference lists them. */
public final class Vocabulary {
    private Vocabulary() {}

    /** Facts about the operation, made from the request. */
    public static final List<Class<?>> REQUEST_FACTS = List.of(Operation.class, Consent.class, LegitimateInterest.class,
            AutomatedDecision.class, DataCategory.class, SubjectCountry.class, Recipient.class, Transfer.class,
            Marketing.class, Formalities.class);

    /** Facts from {@code policies/}, the same for every request of a ruleset. */
    public static final List<Class<?>> POLICY_FACTS = List.of(Purpose.class, Country.class, Adequacy.class,
            ConsentAge.class, RetentionLimit.class, NationalLayer.class, Authority.class, ReferenceFramework.class);

    /** Facts rules derive for other rules. */
    public static final List<Class<?>> DERIVED_FACTS = List.of(Layer.class, Conclusion.class);

    /** Types rules use without matching on them: findings they conclude, three-valued facts, helpers. */
    public static final List<Class<?>> HELPERS = List.of(Finding.class, Tri.class, Conclusions.class, Words.class);

    /** Every type a pattern may match. */
    public static List<Class<?>> patternTypes() {
        return java.util.stream.Stream.of(REQUEST_FACTS, POLICY_FACTS, DERIVED_FACTS).flatMap(List::stream).toList();
    }

    /** Every type of the vocabulary. */
    public static List<Class<?>> all() {
        return java.util.stream.Stream.of(REQUEST_FACTS, POLICY_FACTS, DERIVED_FACTS, HELPERS).flatMap(List::stream).toList();
    }
}
