package lexgate.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything read from {@code policies/}: the taxonomies that validate requests, the citation
 * catalogue, and the facts rules read (countries, adequacy decisions, ages, purposes, retention limits,
 * the frameworks whose declared conformity replaces an authorisation).
 */
public record PolicySet(
        LocalDate gdprAppliesFrom,
        Map<String, lexgate.vocabulary.Purpose> purposes,
        Map<String, String> dataCategoryKinds,
        Set<String> subjectCategories,
        Set<String> characteristics,
        Map<String, Citation> citations,
        List<lexgate.vocabulary.Country> countries,
        List<lexgate.vocabulary.Adequacy> adequacy,
        List<lexgate.vocabulary.ConsentAge> consentAges,
        List<lexgate.vocabulary.RetentionLimit> retentionLimits,
        List<lexgate.vocabulary.NationalLayer> jurisdictions,
        List<lexgate.vocabulary.Authority> authorities,
        List<FineTier> fineTiers,
        List<lexgate.vocabulary.ReferenceFramework> referenceFrameworks) {

    /** Every object rules may match, to insert into each session. */
    public List<Object> facts() {
        var all = new java.util.ArrayList<Object>();
        all.addAll(purposes.values());
        all.addAll(countries);
        all.addAll(adequacy);
        all.addAll(consentAges);
        all.addAll(retentionLimits);
        all.addAll(jurisdictions);
        all.addAll(authorities);
        all.addAll(referenceFrameworks);
        return all;
    }

    /** The authority with this id, or null. */
    public lexgate.vocabulary.Authority authority(String id) {
        // A plain loop, not a stream: an evaluation naming many concerned authorities calls this once
        // for each of them (a stream and its lambda per call were 3% of the worst request's evaluation).
        for (lexgate.vocabulary.Authority a : authorities) {
            if (a.getId().equals(id)) return a;
        }
        return null;
    }

    /**
     * The Art. 83 tier under which an infringement of the cited provisions is fined: the highest-ranked
     * tier one of the citations falls under (an id equal to a listed provision or extending it with
     * "-"), or null when none does.
     */
    public FineTier fineTier(List<String> citationIds) {
        FineTier best = null;
        for (FineTier t : fineTiers) {
            if (best != null && t.rank() <= best.rank()) continue;
            for (String id : citationIds) {
                if (t.covers(id)) {
                    best = t;
                    break;
                }
            }
        }
        return best;
    }

    /** The tier with this name ("83(5)"), or null. */
    public FineTier tier(String name) {
        for (FineTier t : fineTiers) {
            if (t.tier().equals(name)) return t;
        }
        return null;
    }

    /** The citation for an id; an unknown id gets its id as label and no URL. */
    public Citation citation(String id) {
        Citation c = citations.get(id);
        return c != null ? c : new Citation(id, id, null);
    }
}
