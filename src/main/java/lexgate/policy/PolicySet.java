package lexgate.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything read from {@code policies/}: the taxonomies that validate requests, the citation
 * catalogue, and the facts rules read (countries, adequacy decisions, ages, purposes, retention limits).
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
        List<lexgate.vocabulary.NationalLayer> jurisdictions) {

    /** Every object rules may match, to insert into each session. */
    public List<Object> facts() {
        var all = new java.util.ArrayList<Object>();
        all.addAll(purposes.values());
        all.addAll(countries);
        all.addAll(adequacy);
        all.addAll(consentAges);
        all.addAll(retentionLimits);
        all.addAll(jurisdictions);
        return all;
    }

    /** The citation for an id; an unknown id gets its id as label and no URL. */
    public Citation citation(String id) {
        Citation c = citations.get(id);
        return c != null ? c : new Citation(id, id, null);
    }
}
