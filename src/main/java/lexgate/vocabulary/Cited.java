package lexgate.vocabulary;

import java.util.List;

/**
 * A policy value that decides (a retention limit, an age of consent, an adequacy decision) and the
 * citation ids of its sources ({@code cite:} in its policy file, each in {@code policies/citations.yaml}).
 * When a rule's match holds such a value, its citations are added to the reasons that rule gives,
 * so a DENY caused by a CNIL retention limit cites the CNIL's text, not only Art. 5(1)(e).
 */
public interface Cited {
    /** The citation ids of the sources that set this value, in the order the policy file gives them. */
    List<String> getCitations();
}
