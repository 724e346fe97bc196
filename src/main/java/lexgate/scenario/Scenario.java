package lexgate.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One scenario: a request and what a correct decision must show; {@code file} and {@code index} say where it is. */
public record Scenario(String file, int index, String name, String source, String why, JsonNode request,
                       Expect expect) {

    /** What the decision must show. */
    public record Expect(String outcome, List<String> cites, boolean anyObligation, List<String> obligations,
                         List<String> rules, List<String> silent, List<String> missing) {}

    /** "file#index name", for reports. */
    public String label() { return file + "#" + index + " " + name; }
}
