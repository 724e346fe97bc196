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
 * Policy keys the transfer, employment and retention rules read: an adequacy decision's {@code scope}
 * (the whole country, or only organisations certified under it), the {@code subjects} a purpose
 * concerns by definition, and a retention limit's {@code categories} and {@code effect}.
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

    @Test
    void cameraFootageAtWorkHasItsOwnLimitAndTheEuBenchmarkAsksForAReason() throws Exception {
        PolicySet set = PolicyLoader.load(shipped());
        var frImages = set.retentionLimits().stream()
                .filter(l -> l.getPurpose().equals("employee-monitoring") && l.getJurisdiction().equals("FR") && !l.getCategories().isEmpty())
                .findFirst().orElseThrow();
        assertEquals("P1M", frImages.getPeriod());
        assertTrue(frImages.appliesTo(List.of("identity", "images")));
        assertFalse(frImages.appliesTo(List.of("identity", "behavioural")), "activity logs keep the six-month limit");
        assertTrue(set.retentionLimits().stream().anyMatch(l -> l.getJurisdiction().equals("EU")
                && l.getPurpose().equals("video-surveillance") && l.isReview()));
    }

    @Test
    void anUnknownEffectOrCategoryIsAPolicyError() throws Exception {
        Map<String, String> files = shipped();
        String shipped = files.get("retention.yaml");
        files.put("retention.yaml", shipped.replace("effect: review", "effect: warn"));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(files));
        assertTrue(e.getMessage().contains("effect 'warn' is not one of deny, review"), e.getMessage());
        files.put("retention.yaml", shipped.replace("categories: [images]", "categories: [video]"));
        e = assertThrows(PolicyException.class, () -> PolicyLoader.load(files));
        assertTrue(e.getMessage().contains("category 'video' is not in data-categories.yaml"), e.getMessage());
    }

    @Test
    void nationalAgesOfDigitalConsentApplyFromTheirLaws() throws Exception {
        PolicySet set = PolicyLoader.load(shipped());
        java.util.function.BiFunction<String, String, Integer> age = (country, day) -> set.consentAges().stream()
                .filter(a -> a.getCountry().equals(country) && a.inForceOn(LocalDate.parse(day)))
                .map(a -> a.getAge()).findFirst().orElse(null);
        assertEquals(13, age.apply("FI", "2024-01-01"));
        assertEquals(null, age.apply("FI", "2018-12-31"), "before the Finnish law, the GDPR default applies");
        assertEquals(15, age.apply("CZ", "2024-01-01"));
        assertEquals(15, age.apply("SI", "2023-01-26"));
        assertEquals(13, age.apply("NO", "2024-01-01"));
        assertEquals(16, age.apply("EU", "2024-01-01"));
    }
}
