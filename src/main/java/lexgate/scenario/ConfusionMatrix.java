package lexgate.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expected against actual outcomes over a set of scenario results, per file and in total, with the
 * recall and precision of each outcome: over-caution (lawful processing sent to REVIEW) shows as a
 * low ALLOW recall, over-permissiveness as a low DENY recall.
 */
public final class ConfusionMatrix {
    /** The outcomes, in the order rows and columns are printed. */
    public static final List<String> OUTCOMES = List.of("ALLOW", "DENY", "REVIEW");

    private final Map<String, Map<String, Integer>> cells = new LinkedHashMap<>();
    private int invalid;

    private ConfusionMatrix() {
        for (String e : OUTCOMES) {
            Map<String, Integer> row = new LinkedHashMap<>();
            for (String a : OUTCOMES) row.put(a, 0);
            cells.put(e, row);
        }
    }

    /** The matrix of the results (a scenario whose request is invalid counts as "invalid", not as an outcome). */
    public static ConfusionMatrix of(List<ScenarioRunner.Result> results) {
        ConfusionMatrix m = new ConfusionMatrix();
        for (ScenarioRunner.Result r : results) {
            String expected = r.scenario().expect().outcome();
            if (r.evaluation() == null || !m.cells.containsKey(expected)) {
                m.invalid++;
                continue;
            }
            m.cells.get(expected).merge(r.evaluation().outcome().name(), 1, Integer::sum);
        }
        return m;
    }

    /** One matrix per file, in file order. */
    public static Map<String, ConfusionMatrix> byFile(List<ScenarioRunner.Result> results) {
        Map<String, List<ScenarioRunner.Result>> grouped = new TreeMap<>();
        for (ScenarioRunner.Result r : results) grouped.computeIfAbsent(r.scenario().file(), k -> new ArrayList<>()).add(r);
        Map<String, ConfusionMatrix> out = new LinkedHashMap<>();
        grouped.forEach((f, rs) -> out.put(f, of(rs)));
        return out;
    }

    /** How many scenarios expected {@code expected} and got {@code actual}. */
    public int count(String expected, String actual) {
        return cells.get(expected).get(actual);
    }

    /** Scenarios that expected the outcome. */
    public int expected(String outcome) {
        return cells.get(outcome).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Scenarios that got the outcome. */
    public int actual(String outcome) {
        return cells.values().stream().mapToInt(row -> row.get(outcome)).sum();
    }

    /** Share of the scenarios expecting the outcome that got it; NaN when none expected it. */
    public double recall(String outcome) {
        int e = expected(outcome);
        return e == 0 ? Double.NaN : (double) count(outcome, outcome) / e;
    }

    /** Share of the scenarios that got the outcome that expected it; NaN when none got it. */
    public double precision(String outcome) {
        int a = actual(outcome);
        return a == 0 ? Double.NaN : (double) count(outcome, outcome) / a;
    }

    /** Scenarios whose request was invalid, so that no outcome could be compared. */
    public int invalid() {
        return invalid;
    }

    /** Total scenarios counted in the matrix. */
    public int total() {
        return OUTCOMES.stream().mapToInt(this::expected).sum();
    }

    /** A Markdown table: rows expected, columns actual, then recall and precision per outcome. */
    public String table() {
        StringBuilder b = new StringBuilder("| expected \\ actual | ALLOW | DENY | REVIEW | recall |\n|---|---|---|---|---|\n");
        for (String e : OUTCOMES) {
            b.append("| ").append(e);
            for (String a : OUTCOMES) b.append(" | ").append(count(e, a));
            b.append(" | ").append(percent(recall(e))).append(" |\n");
        }
        b.append("| precision");
        for (String a : OUTCOMES) b.append(" | ").append(percent(precision(a)));
        b.append(" | |\n");
        return b.toString();
    }

    /** One line: counts, and ALLOW/DENY/REVIEW recall. */
    public String summary() {
        return String.format(Locale.ROOT, "%d scenarios: ALLOW recall %s (%d/%d), precision %s; DENY recall %s (%d/%d); REVIEW recall %s (%d/%d)%s",
                total(), percent(recall("ALLOW")), count("ALLOW", "ALLOW"), expected("ALLOW"), percent(precision("ALLOW")),
                percent(recall("DENY")), count("DENY", "DENY"), expected("DENY"),
                percent(recall("REVIEW")), count("REVIEW", "REVIEW"), expected("REVIEW"),
                invalid > 0 ? "; " + invalid + " invalid" : "");
    }

    static String percent(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.0f%%", d * 100);
    }
}
