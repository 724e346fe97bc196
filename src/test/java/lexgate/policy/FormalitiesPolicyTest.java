package lexgate.policy;

import lexgate.vocabulary.ReferenceFramework;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** policies/formalities.yaml: the CNIL frameworks whose declared conformity replaces an authorisation (LIL art. 66 III). */
class FormalitiesPolicyTest {

    static Map<String, String> shipped() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (var list = Files.list(Path.of("policies"))) {
            for (Path p : list.toList()) files.put(p.getFileName().toString(), Files.readString(p));
        }
        return files;
    }

    static ReferenceFramework framework(PolicySet set, String code) {
        return set.referenceFrameworks().stream().filter(f -> f.getCode().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void theWarehouseReferentielCoversPublicInterestOnlyAndOnlyOncePublished() throws Exception {
        PolicySet set = PolicyLoader.load(shipped());
        ReferenceFramework eds = framework(set, "2021-118");
        assertTrue(eds.covers("6(1)(e)"));
        assertFalse(eds.covers("6(1)(f)"), "a private warehouse on legitimate interest is outside the référentiel");
        assertFalse(eds.inForceOn(LocalDate.parse("2021-10-23")));
        assertTrue(eds.inForceOn(LocalDate.parse("2021-10-24")));
        assertTrue(eds.getCitations().contains("fr-cnil:2021-118"));
        assertTrue(framework(set, "MR-004").covers("6(1)(f)"), "a methodology naming no basis covers every basis");
        assertTrue(set.facts().contains(eds), "rules can match it");
    }

    @Test
    void aBasisThatIsNotAnArticle6BasisIsAPolicyError() throws Exception {
        Map<String, String> files = shipped();
        files.put("formalities.yaml", files.get("formalities.yaml").replace("bases: [\"6(1)(e)\"]", "bases: [\"public-task\"]"));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(files));
        assertTrue(e.getMessage().contains("formalities.yaml 2021-118: basis 'public-task' is not an Art. 6(1) basis"), e.getMessage());
    }

    @Test
    void anUnknownCitationOrKeyIsAPolicyError() throws Exception {
        Map<String, String> files = shipped();
        String shipped = files.get("formalities.yaml");
        files.put("formalities.yaml", shipped.replace("cite: [fr-cnil:2021-118]", "cite: [fr-cnil:2021-119]"));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(files));
        assertTrue(e.getMessage().contains("cite 'fr-cnil:2021-119' is not in citations.yaml"), e.getMessage());
        files.put("formalities.yaml", shipped.replace("title: \"Entrepôts", "titel: \"Entrepôts"));
        e = assertThrows(PolicyException.class, () -> PolicyLoader.load(files));
        assertTrue(e.getMessage().contains("'titel' is not a key of an entry of formalities.yaml; did you mean 'title'?"), e.getMessage());
    }
}
