/**
 * Where decisions are stored, and the rulesets, activations and replays beside them.
 *
 * <p>Decisions: {@link lexgate.store.DecisionStore} is what callers use (append, announce, find).
 * Behind it, {@link lexgate.store.DecisionWriter} holds the queue, the gathering of a batch and the
 * writer thread, and acknowledges each decision once its batch committed; a
 * {@link lexgate.store.ChainAppender} per SQL dialect ({@link lexgate.store.H2ChainAppender}, the
 * standard transaction; {@link lexgate.store.PostgresChainAppender}, one statement) appends a batch
 * to the hash chain ({@link lexgate.store.DecisionChain}) with the rows of
 * {@link lexgate.store.DecisionRows}; {@link lexgate.store.DecisionReads} reads one decision back and
 * {@link lexgate.store.DecisionIndex} searches them. Rulesets, their validations and activations:
 * {@link lexgate.store.RulesetStore}; the Panache entities are the {@code *Record} classes.
 */
package lexgate.store;
