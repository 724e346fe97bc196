package lexgate.rules;

import lexgate.policy.PolicyLoader;
import lexgate.policy.PolicySet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule that can conclude DENY says what is at stake: a provision it cites falls under a tier
 * of GDPR Art. 83 in policies/fine-tiers.yaml, or the rule says with {@code @noFine("...")} why
 * none applies (guidance that is not law, national law with penalties of its own).
 */
class FineTierTest {
    @Test
    void everyDenyHasAFineTierOrANoteWhyNot() {
        Ruleset ruleset = RulesetCompiler.compile(Path.of("rules"), Path.of("policies"));
        List<String> gaps = new ArrayList<>();
        int denying = 0;
        for (RuleMeta m : ruleset.rules()) {
            if (!m.canDeny()) continue;
            denying++;
            if (m.noFine() != null) {
                if (m.noFine().isBlank()) gaps.add(m.id() + " (" + m.file() + ":" + m.line() + ") has an empty @noFine");
                continue;
            }
            if (ruleset.policies().fineTier(m.citations()) == null) {
                gaps.add(m.id() + " (" + m.file() + ":" + m.line() + ") cites " + m.citations()
                        + ": no provision of policies/fine-tiers.yaml, and no @noFine(\"why\")");
            }
        }
        assertTrue(denying > 50, "expected the DENY rules of rules/, found " + denying);
        assertTrue(gaps.isEmpty(), gaps.size() + " DENY rule(s) without a fine tier:\n" + String.join("\n", gaps));
    }

    /** The supervision rules find an authority wherever people in the EEA may be: every EEA country has a general one. */
    @Test
    void everyEeaCountryHasAGeneralAuthority() {
        PolicySet p = PolicyLoader.load(Path.of("policies"));
        List<String> without = p.countries().stream().filter(lexgate.vocabulary.Country::isEea).map(lexgate.vocabulary.Country::getCode)
                .filter(c -> p.authorities().stream().noneMatch(a -> a.getCountry().equals(c) && a.getRegion() == null
                        && List.of("all", "private").contains(a.getBodies())))
                .toList();
        assertTrue(without.isEmpty(), "EEA countries without an authority in policies/authorities.yaml: " + without);
        assertEquals(p.authorities().size(), p.authorities().stream().map(lexgate.vocabulary.Authority::getId).distinct().count());
    }

    @Test
    void theHighestTierOfTheCitedProvisionsWins() {
        PolicySet p = PolicyLoader.load(Path.of("policies"));
        assertEquals("83(5)", p.fineTier(List.of("eu-gdpr:A32-1", "eu-gdpr:A6-1-f")).tier());
        assertEquals("83(4)", p.fineTier(List.of("eu-gdpr:A35-1", "eu-edpb:opinion-28-2024")).tier());
        assertEquals("83(6)", p.fineTier(List.of("eu-gdpr:A58-2", "eu-gdpr:A5-1-a")).tier());
        // eu-gdpr:A6 covers eu-gdpr:A6-1-f, not eu-gdpr:A60
        assertNull(p.fineTier(List.of("eu-gdpr:A60", "eu-edpb:opinion-28-2024")));
        assertTrue(p.tier("83(5)").maximum().contains("4 %"));
    }
}
