package lexgate.rules;

import java.nio.file.Path;
import java.util.List;

/**
 * Tests only: compiles a ruleset with every wall switched off, to plant rules that rule files could
 * never contain (a loop, a plain insert) and show what stands behind the walls: the evaluation
 * budget, and warm sessions that a rule left dirty are never reused.
 */
public final class PlantedRules {
    private PlantedRules() {}

    /** Compiles the files as they are, without the allow-list, the class loader or the compiled check. */
    public static Ruleset compileBehindTheWalls(List<SourceFile> files) {
        return RulesetCompiler.compile(files, new RulesetCompiler.Walls(false, false, false));
    }

    /** The same for a rules directory and a policies directory. */
    public static Ruleset compileBehindTheWalls(Path rules, Path policies) {
        return compileBehindTheWalls(RulesetCompiler.readFiles(rules, policies));
    }
}
