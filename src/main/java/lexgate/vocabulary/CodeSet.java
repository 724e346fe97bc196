package lexgate.vocabulary;

import java.util.List;

/**
 * The code sets of the vocabulary. Closed sets list their values here (the contract fixes them);
 * open sets ({@link #open()}) are the taxonomies kept in {@code policies/} and are resolved from the
 * loaded policies.
 */
public enum CodeSet {
    /** {@code policies/purposes.yaml}. */
    PURPOSE,
    /** {@code policies/data-categories.yaml}. */
    DATA_CATEGORY,
    /** {@code policies/subject-categories.yaml}. */
    SUBJECT_CATEGORY,
    /** {@code policies/characteristics.yaml}. */
    CHARACTERISTIC,
    /** ISO 3166-1 alpha-2 country codes. */
    COUNTRY,
    /** "EU" and the national layers of {@code policies/jurisdictions.yaml}. */
    LAYER,
    /** The kind of a data category. */
    CATEGORY_KIND("ordinary", "special", "criminal"),
    /** {@code legalBasis.article}. */
    ARTICLE("6(1)(a)", "6(1)(b)", "6(1)(c)", "6(1)(d)", "6(1)(e)", "6(1)(f)", "none"),
    /** {@code legalBasis.specialCategoryCondition}. */
    SPECIAL_CONDITION("9(2)(a)", "9(2)(b)", "9(2)(c)", "9(2)(d)", "9(2)(e)", "9(2)(f)", "9(2)(g)", "9(2)(h)",
            "9(2)(i)", "9(2)(j)", "none"),
    /** {@code legalBasis.consent.collectedBy}. */
    COLLECTED_BY("controller", "third-party"),
    /** {@code automatedDecision.exception}. */
    EXCEPTION("contract", "law", "explicit-consent", "none"),
    /** {@code data.source}. */
    DATA_SOURCE("data-subject", "observed", "third-party", "publicly-available", "scraped", "inferred"),
    /** {@code recipients[].role}. */
    RECIPIENT_ROLE("processor", "controller", "joint-controller"),
    /** {@code transfers[].mechanism}. */
    MECHANISM("adequacy", "dpf", "scc", "bcr", "derogation-art49", "none"),
    /** {@code marketing.channel}. */
    CHANNEL("email", "sms", "automated-call", "phone", "post", "in-app", "online-ads"),
    /** An ISO-8601 period such as P3D, P6M or P10Y. */
    PERIOD;

    private final List<String> values;

    CodeSet(String... values) {
        this.values = List.of(values);
    }

    /** True for the taxonomies kept in {@code policies/} (and country codes, periods): no fixed list here. */
    public boolean open() {
        return values.isEmpty();
    }

    /** The codes of a closed set; empty for an open one. */
    public List<String> codes() {
        return values;
    }
}
