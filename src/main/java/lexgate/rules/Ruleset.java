package lexgate.rules;

import lexgate.policy.PolicySet;
import org.kie.api.KieBase;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A compiled, immutable ruleset: the Drools knowledge base, the policies it reads, the metadata of
 * every rule, and the digest over the exact files that built it; {@link #sessions()} lends the
 * Drools sessions that evaluate requests.
 */
public record Ruleset(String version, String digest, Instant loadedAt, KieBase kieBase, PolicySet policies,
                      Map<String, RuleMeta> rulesByQualifiedName, List<SourceFile> files, Sessions sessions) implements lexgate.store.RulesetContent {

    /** A ruleset with its warm sessions (see {@link Sessions}). */
    public Ruleset(String version, String digest, Instant loadedAt, KieBase kieBase, PolicySet policies,
                   Map<String, RuleMeta> rulesByQualifiedName, List<SourceFile> files) {
        this(version, digest, loadedAt, kieBase, policies, rulesByQualifiedName, files,
                new Sessions(kieBase, policies, rulesByQualifiedName, true));
    }

    /** The same ruleset evaluated on a new session per request, never a warm one (tests, benchmark). */
    public Ruleset withFreshSessions() {
        return new Ruleset(version, digest, loadedAt, kieBase, policies, rulesByQualifiedName, files,
                new Sessions(kieBase, policies, rulesByQualifiedName, false));
    }

    /** Every rule's metadata, ordered by id. */
    public List<RuleMeta> rules() {
        return rulesByQualifiedName.values().stream()
                .sorted(java.util.Comparator.comparing(RuleMeta::id)).toList();
    }

    /** The number of rules, as the store records it. */
    @Override
    public int ruleCount() {
        return rulesByQualifiedName().size();
    }
}
