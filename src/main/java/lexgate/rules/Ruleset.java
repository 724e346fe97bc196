package lexgate.rules;

import lexgate.policy.PolicySet;
import org.kie.api.KieBase;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A compiled, immutable ruleset: the Drools knowledge base, the policies it reads, the metadata of
 * every rule, and the digest over the exact files that built it.
 */
public record Ruleset(String version, String digest, Instant loadedAt, KieBase kieBase, PolicySet policies,
                      Map<String, RuleMeta> rulesByQualifiedName, List<SourceFile> files) {

    /** The metadata of a rule by its Drools package and name. */
    public RuleMeta rule(String packageName, String ruleName) {
        return rulesByQualifiedName.get(packageName + "." + ruleName);
    }

    /** Every rule's metadata, ordered by id. */
    public List<RuleMeta> rules() {
        return rulesByQualifiedName.values().stream()
                .sorted(java.util.Comparator.comparing(RuleMeta::id)).toList();
    }
}
