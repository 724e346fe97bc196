package lexgate.vocabulary;

/**
 * A value a rule may splice into its explanation whose words depend on the language of the answer
 * (a period: "18 months", "18 mois", "18 Monate"). Its {@code toString()} is the English the rule's
 * own text reads; a translated explanation takes {@link #in(String)} for the same value.
 */
public interface Localised {
    /** The value in the language {@code lang} ("en", "fr" or "de"; English for any other). */
    String in(String lang);
}
