package lexgate.scenario;

import jakarta.enterprise.context.ApplicationScoped;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetGate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scenario lint the service applies before a ruleset serves: every rule must be reached by a
 * scenario in the rules directory. Keeps the coverage of accepted rulesets for the rule catalogue.
 */
@ApplicationScoped
public class ScenarioGate implements RulesetGate {
    private final Map<String, Coverage> byDigest = new ConcurrentHashMap<>();

    @Override
    public List<String> problems(Ruleset ruleset, Path rulesDir) {
        List<Scenario> scenarios;
        try {
            scenarios = Files.isDirectory(rulesDir) ? ScenarioLoader.load(rulesDir.getParent() == null ? Path.of(".") : rulesDir.getParent(), rulesDir) : List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        Coverage c = Coverage.of(ruleset, scenarios);
        byDigest.put(ruleset.digest(), c);
        return c.unreached(ruleset);
    }

    /** The coverage recorded when the ruleset was accepted, if any. */
    public Coverage coverage(String digest) {
        return byDigest.get(digest);
    }
}
