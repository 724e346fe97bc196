/**
 * What makes the record prove itself: the Merkle tree over the decision chain, checkpoints of it
 * signed with the service's Ed25519 key and kept outside the database too, verification of the whole
 * record, and the evidence document for one decision, checkable offline.
 */
package lexgate.audit;
