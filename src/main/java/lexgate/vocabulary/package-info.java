/**
 * The vocabulary of Lexgate: the only Java types a rule file may import.
 *
 * <p>Facts describing the processing operation ({@link lexgate.vocabulary.Operation},
 * {@link lexgate.vocabulary.Consent}, {@link lexgate.vocabulary.LegitimateInterest},
 * {@link lexgate.vocabulary.AutomatedDecision}, {@link lexgate.vocabulary.DataCategory},
 * {@link lexgate.vocabulary.SubjectCountry}, {@link lexgate.vocabulary.Recipient},
 * {@link lexgate.vocabulary.Transfer}), facts taken from {@code policies/}
 * ({@link lexgate.vocabulary.Country}, {@link lexgate.vocabulary.Adequacy},
 * {@link lexgate.vocabulary.ConsentAge}, {@link lexgate.vocabulary.Purpose},
 * {@link lexgate.vocabulary.RetentionLimit}, {@link lexgate.vocabulary.NationalLayer},
 * {@link lexgate.vocabulary.ReferenceFramework}), what rules derive ({@link lexgate.vocabulary.Layer},
 * {@link lexgate.vocabulary.Conclusion}) and what they conclude ({@link lexgate.vocabulary.Finding}).
 * Three-valued facts use {@link lexgate.vocabulary.Tri}: unknown is not false.
 */
package lexgate.vocabulary;
