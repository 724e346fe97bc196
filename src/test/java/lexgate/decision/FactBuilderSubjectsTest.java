package lexgate.decision;

import lexgate.policy.PolicyLoader;
import lexgate.policy.PolicySet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The subject categories a session sees: the request's, joined with those its purpose concerns by definition. */
class FactBuilderSubjectsTest {
    private static PolicySet policies;

    @BeforeAll
    static void load() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (var list = Files.list(Path.of("policies"))) {
            for (Path p : list.toList()) files.put(p.getFileName().toString(), Files.readString(p));
        }
        policies = PolicyLoader.load(files);
    }

    private static List<String> seen(List<String> stated, String purpose) {
        return FactBuilder.subjectCategories(stated, policies.purposes().get(purpose));
    }

    @Test
    void aStaffPurposeConcernsEmployeesWhenTheRequestLeavesThemOut() {
        assertEquals(List.of("employees"), seen(null, "human-resource-management"));
        assertEquals(List.of("employees"), seen(List.of(), "employee-monitoring"));
        assertEquals(List.of("job-applicants"), seen(null, "recruitment"));
    }

    @Test
    void statedCategoriesAreKeptInOrderWithoutDuplicates() {
        assertEquals(List.of("employees"), seen(List.of("employees"), "human-resource-management"));
        assertEquals(List.of("job-applicants", "employees"), seen(List.of("job-applicants"), "human-resource-management"));
    }

    @Test
    void otherPurposesAddNothing() {
        assertEquals(List.of("customers"), seen(List.of("customers"), "direct-marketing"));
        assertEquals(List.of(), seen(null, "analytics"));
    }
}
