package lexgate.policy;

import lexgate.vocabulary.Adequacy;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static lexgate.policy.FormalitiesPolicyTest.shipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two policy keys the transfer and employment rules read: an adequacy decision's {@code scope}
 * (the whole country, or only organisations certified under it) and the {@code subjects} a purpose
 * concerns by definition.
 */
class ScopeAndSubjectsPolicyTest {

    private static Adequacy inForce(PolicySet set, String country, String day) {
        return set.adequacy().stream()
                .filter(a -> a.getCountry().equals(country) && a.inForceOn(LocalDate.parse(day)))
                .findFirst().orElseThrow();
    }

    @Test
    void theUsDecisionsCoverCertifiedOrganisationsOnlyAndOthersTheWholeCountry() throws Exception {
        PolicySet set = PolicyLoader.load(shipped());
        assertFalse(inForce(set, "US", "2025-03-01").isWholeCountry(), "the Data Privacy Framework");
        assertFalse(inForce(set, "US", "2019-03-01").isWholeCountry(), "the Privacy Shield");
        assertTrue(inForce(set, "GB", "2022-03-01").isWholeCountry());
        assertTrue(inForce(set, "JP", "2022-03-01").isWholeCountry());
    }

    @Test
    void aScopeOtherThanCountryOrCertifiedIsAPolicyError() throws Exception {
        Map<String, String> files = shipped();
        files.put("adequacy.yaml", files.get("adequacy.yaml").replace("mechanisms: [dpf], scope: certified", "mechanisms: [dpf], scope: sectoral"));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(files));
        assertTrue(e.getMessage().contains("adequacy.yaml US: scope 'sectoral' is not one of country, certified"), e.getMessage());
    }

    @Test
    void staffPurposesConcernEmployeesAndRecruitmentApplicants() throws Exception {
        PolicySet set = PolicyLoader.load(shipped());
        assertEquals(List.of("employees"), set.purposes().get("human-resource-management").getSubjects());
        assertEquals(List.of("employees"), set.purposes().get("employee-monitoring").getSubjects());
        assertEquals(List.of("job-applicants"), set.purposes().get("recruitment").getSubjects());
        assertEquals(List.of(), set.purposes().get("direct-marketing").getSubjects());
    }

    @Test
    void aPurposeNamingAnUnknownSubjectCategoryIsAPolicyError() throws Exception {
        Map<String, String> files = shipped();
        files.put("purposes.yaml", files.get("purposes.yaml").replace("subjects: [job-applicants]", "subjects: [applicants]"));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(files));
        assertTrue(e.getMessage().contains("purposes.yaml recruitment: subject category 'applicants' is not in subject-categories.yaml"), e.getMessage());
    }
}
