/**
 * Where stored decisions are replayed: against their original ruleset (reproducibility), the active
 * one or any stored digest, one at a time or as a background impact analysis with flip counts.
 */
package lexgate.replay;
