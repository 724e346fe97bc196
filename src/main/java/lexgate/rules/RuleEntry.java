package lexgate.rules;

import lexgate.policy.Citation;
import lexgate.policy.FineTier;

import java.util.List;

/**
 * What an evaluation needs of one Drools rule, resolved once when the ruleset's {@link Sessions} are
 * made instead of on every firing and every finding (issue 22): the rule's metadata; its rank, its
 * place in the order of rule ids, so that the rules that fired are kept as a set of ranks and come
 * out in id order without a sorted set per evaluation; its own citations as the policies resolve
 * them; and the Art. 83 tier a DENY of it falls under (null when none does, or when the rule says
 * {@code @noFine}).
 */
public record RuleEntry(RuleMeta meta, int rank, List<Citation> citations, FineTier fineTier) {}
