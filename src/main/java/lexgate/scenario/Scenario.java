package lexgate.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One scenario: a request and what a correct decision must show; {@code file}, {@code line} and
 * {@code index} (counted from 0; shown from 1) say where it is.
 */
public record Scenario(String file, int index, int line, String name, String source, String why, JsonNode request,
                       Expect expect, lexgate.policy.YamlTree tree) {

    /** What the decision must show. */
    public record Expect(String outcome, List<String> cites, boolean anyObligation, List<String> obligations,
                         List<String> rules, List<String> silent, List<String> missing, Supervision supervision,
                         java.util.Map<String, String> fineTiers, String exposure) {
        /** Without supervision, fine tiers or exposure. */
        public Expect(String outcome, List<String> cites, boolean anyObligation, List<String> obligations,
                      List<String> rules, List<String> silent, List<String> missing) {
            this(outcome, cites, anyObligation, obligations, rules, silent, missing, null, java.util.Map.of(), null);
        }
    }

    /**
     * The supervision a decision must show: the lead authority's id ("none": no lead) and, when given,
     * exactly the authorities concerned (in any order); null when the scenario does not say.
     */
    public record Supervision(String lead, List<String> concerned) {}

    /** "file:line (scenario n) name", for reports: the line where the scenario starts, counted as editors do. */
    public String label() { return file + ":" + line + " (scenario " + (index + 1) + ") " + name; }

    /**
     * {@code file:line:column} where a request field ({@code purpose.code}, {@code data.categories[1]})
     * was written, as the request validator names it; the scenario's own line if it cannot be found.
     */
    public String where(String requestField) {
        if (tree == null) return file + ":" + line;
        String pointer = "/" + index + "/request/" + requestField.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        return tree.at(pointer);
    }
}
