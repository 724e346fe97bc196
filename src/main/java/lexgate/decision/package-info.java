/**
 * Where a decision is made: the request model of the contract, the facts built from it, the
 * evaluator that fires the active ruleset, and the decision assembled from the rules that fired.
 */
package lexgate.decision;
