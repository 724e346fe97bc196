package lexgate.vocabulary;

import java.util.List;

/** A purpose from the taxonomy in {@code policies/purposes.yaml}. */
@Doc("A purpose from the taxonomy in policies/purposes.yaml.")
public final class Purpose {
    private final String code, label;
    private final boolean contractual, precontractual, strictlyNecessaryTrackers;
    private final List<String> expectedCategories, compatibleWith, subjects;

    /** Built by the policy loader. */
    @Doc("Built by the policy loader.")
    public Purpose(String code, String label, boolean contractual, boolean precontractual,
                   boolean strictlyNecessaryTrackers, List<String> expectedCategories, List<String> compatibleWith,
                   List<String> subjects) {
        this.subjects = List.copyOf(subjects);
        this.code = code;
        this.label = label;
        this.contractual = contractual;
        this.precontractual = precontractual;
        this.strictlyNecessaryTrackers = strictlyNecessaryTrackers;
        this.expectedCategories = List.copyOf(expectedCategories);
        this.compatibleWith = List.copyOf(compatibleWith);
    }

    /** The purpose code. */
    @Doc("The purpose code.")
    @Codes(CodeSet.PURPOSE)
    public String getCode() { return code; }
    /** A human label. */
    @Doc("A human label.")
    public String getLabel() { return label; }
    /** True when the purpose can be objectively necessary to perform a contract with the data subject (Art. 6(1)(b)). */
    @Doc("True when the purpose can be objectively necessary to perform a contract with the data subject (Art. 6(1)(b)).")
    public boolean isContractual() { return contractual; }
    /**
     * {@code precontractual} in {@code policies/purposes.yaml}: the purpose can be a step taken at the data
     * subject's request before a contract is entered into (Art. 6(1)(b), second limb: a quote, an eligibility
     * check, a credit or job application), and a decision for it can be "necessary for entering into" a
     * contract (Art. 22(2)(a)).
     */
    @Doc("The purpose can be a step taken at the data subject's request before entering into a contract (Art. 6(1)(b), second limb); from policies/purposes.yaml.")
    public boolean isPrecontractual() { return precontractual; }
    /**
     * True when trackers used for this purpose can be strictly necessary for a service the user asked
     * for, so that the ePrivacy consent exemption may apply (FR LIL art. 82, DE TDDDG § 25(2) no. 2).
     */
    @Doc("Trackers for this purpose can be strictly necessary for a service the user asked for (FR LIL art. 82, DE TDDDG § 25(2) no. 2); from policies/purposes.yaml.")
    public boolean isStrictlyNecessaryTrackers() { return strictlyNecessaryTrackers; }
    /** Data categories the purpose is expected to need (Art. 5(1)(c)); empty means no expectation is set. */
    @Doc("Data categories the purpose is expected to need (Art. 5(1)(c)); empty means no expectation is set.")
    public List<String> getExpectedCategories() { return expectedCategories; }
    /** Original purposes this purpose is held compatible with (Art. 6(4)). */
    @Doc("Original purposes this purpose is held compatible with (Art. 6(4)).")
    public List<String> getCompatibleWith() { return compatibleWith; }
    /**
     * {@code subjects} in {@code policies/purposes.yaml}: the data subjects the purpose concerns by its
     * definition (staff management concerns employees). The facts of a request for this purpose name them
     * among {@code subjects.categories} even when the request leaves them out.
     */
    @Doc("The data subjects the purpose concerns by its definition (subjects in policies/purposes.yaml); a request for this purpose is read as naming them.")
    public List<String> getSubjects() { return subjects; }
    /** True when the category is among those expected, or no expectation is set. */
    @Doc("True when the category is among those expected, or no expectation is set.")
    @RuleApi
    public boolean expects(@Codes(CodeSet.DATA_CATEGORY) String category) { return expectedCategories.isEmpty() || expectedCategories.contains(category); }
    /** True when the purpose is held compatible with the original purpose. */
    @Doc("True when the purpose is held compatible with the original purpose.")
    @RuleApi
    public boolean compatibleWith(@Codes(CodeSet.PURPOSE) String original) { return code.equals(original) || compatibleWith.contains(original); }
}
