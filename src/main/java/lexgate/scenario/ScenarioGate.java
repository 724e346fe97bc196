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
 * The scenario gate the service applies before a ruleset serves: every rule must be reached by a
 * scenario in the rules directory, and every scenario must pass. Keeps the coverage of accepted rulesets for the rule catalogue.
 */
@ApplicationScoped
public class ScenarioGate implements RulesetGate {
    private final Map<String, Coverage> byDigest = new ConcurrentHashMap<>();

    @Override
    public Verdict check(Ruleset ruleset, Path rulesDir) {
        List<Scenario> scenarios;
        try {
            scenarios = Files.isDirectory(rulesDir) ? ScenarioLoader.load(rulesDir.getParent() == null ? Path.of(".") : rulesDir.getParent(), rulesDir) : List.of();
        } catch (ScenarioLoader.Invalid e) {
            return new Verdict(e.problems(), 0, 0);
        }
        Coverage c = Coverage.of(ruleset, scenarios);
        byDigest.put(ruleset.digest(), c);
        List<String> problems = new java.util.ArrayList<>(c.unreached(ruleset));
        problems.addAll(c.failureProblems());
        int failed = c.failures().size();
        return new Verdict(problems, c.results().size() - failed, failed);
    }

    /** The coverage recorded when the ruleset was accepted, if any. */
    public Coverage coverage(String digest) {
        return byDigest.get(digest);
    }
}
