package lexgate.decision;

import lexgate.policy.PolicySet;
import lexgate.vocabulary.AutomatedDecision;
import lexgate.vocabulary.Consent;
import lexgate.vocabulary.DataCategory;
import lexgate.vocabulary.Formalities;
import lexgate.vocabulary.Marketing;
import lexgate.vocabulary.LegitimateInterest;
import lexgate.vocabulary.Operation;
import lexgate.vocabulary.Recipient;
import lexgate.vocabulary.SubjectCountry;
import lexgate.vocabulary.Transfer;
import lexgate.vocabulary.Tri;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a validated request into the vocabulary facts a session sees. It copies and joins with
 * taxonomy data; it draws no legal conclusion.
 */
public final class FactBuilder {
    private FactBuilder() {}

    /**
     * The request's subject categories, joined with those its purpose concerns by definition
     * ({@code subjects} in {@code policies/purposes.yaml}): a request to manage staff concerns employees
     * whether or not it lists them, and "unknown" must not read as "not employees".
     */
    static List<String> subjectCategories(List<String> stated, lexgate.vocabulary.Purpose purpose) {
        List<String> out = new ArrayList<>(orEmpty(stated));
        if (purpose != null) {
            for (String s : purpose.getSubjects()) if (!out.contains(s)) out.add(s);
        }
        return out;
    }

    /** The facts of one request; {@code req.asOf()} must be set. */
    public static List<Object> facts(OperationRequest req, PolicySet policies) {
        var c = req.controller();
        var p = req.purpose();
        var lb = req.legalBasis();
        var d = req.data();
        var s = req.subjects();
        var ret = req.retention();
        List<Object> facts = new ArrayList<>();
        var design = opt(req.design());
        var security = opt(req.security());
        facts.add(Operation.builder()
                .asOf(LocalDate.parse(req.asOf())).controllerName(c.name()).establishment(c.establishment())
                .publicAuthority(Tri.of(c.publicAuthority())).region(c.region()).targetsSubjects(Tri.of(c.targetsSubjects()))
                .federalBody(Tri.of(c.federalBody()))
                .purpose(p.code()).originalPurpose(p.originalPurpose())
                .basis(lb.article()).specialCategoryCondition(lb.specialCategoryCondition())
                .legalObligationLaw(lb.legalObligation() == null ? null : lb.legalObligation().law())
                .publicTaskLaw(lb.publicTask() == null ? null : lb.publicTask().law())
                .dataSource(d.source()).subjectCount(d.subjectCount())
                .pseudonymised(Tri.of(d.pseudonymised())).anonymised(Tri.of(d.anonymised()))
                .categories(d.categories()).subjectCategories(subjectCategories(s.categories(), policies.purposes().get(p.code()))).subjectCountries(s.countries())
                .minimumAge(s.minimumAge()).objectionsExcluded(Tri.of(s.objectionsExcluded()))
                .retentionDays(ret == null ? null : ret.days())
                .retentionIndefinite(Tri.of(ret == null ? null : ret.indefinite()))
                .lessIntrusiveMeansAvailable(Tri.of(opt(req.necessity()).map(OperationRequest.Necessity::lessIntrusiveMeansAvailable).orElse(null)))
                .publicByDefault(Tri.of(design.map(OperationRequest.Design::publicByDefault).orElse(null)))
                .ageVerification(Tri.of(design.map(OperationRequest.Design::ageVerification).orElse(null)))
                .offeredDirectlyToChildren(Tri.of(design.map(OperationRequest.Design::offeredDirectlyToChildren).orElse(null)))
                .dpiaDone(Tri.of(opt(req.dpia()).map(OperationRequest.Dpia::done).orElse(null)))
                .noticeProvided(Tri.of(opt(req.transparency()).map(OperationRequest.Transparency::noticeProvided).orElse(null)))
                .encryptionAtRest(Tri.of(security.map(OperationRequest.Security::encryptionAtRest).orElse(null)))
                .encryptionInTransit(Tri.of(security.map(OperationRequest.Security::encryptionInTransit).orElse(null)))
                .accessControl(Tri.of(security.map(OperationRequest.Security::accessControl).orElse(null)))
                .characteristics(orEmpty(req.characteristics()))
                .build());
        var cs = lb.consent();
        facts.add(cs == null
                ? new Consent(false, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN,
                        Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, null, Tri.UNKNOWN, Tri.UNKNOWN)
                : new Consent(true, Tri.of(cs.freelyGiven()), Tri.of(cs.specific()), Tri.of(cs.informed()),
                        Tri.of(cs.unambiguous()), Tri.of(cs.explicit()), Tri.of(cs.refusalAsEasyAsAcceptance()),
                        Tri.of(cs.withdrawable()), Tri.of(cs.recordKept()), Tri.of(cs.parentalConsent()),
                        cs.collectedBy(), Tri.of(cs.conditionOfService()), Tri.of(cs.equivalentAlternative())));
        var li = lb.legitimateInterest();
        facts.add(li == null
                ? new LegitimateInterest(false, null, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN)
                : new LegitimateInterest(true, li.interest(), Tri.of(li.balancingTestDone()), Tri.of(li.optOutOffered()),
                        Tri.of(li.withinReasonableExpectations())));
        var ad = req.automatedDecision();
        facts.add(ad == null
                ? new AutomatedDecision(false, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, null)
                : new AutomatedDecision(true, Tri.of(ad.solelyAutomated()), Tri.of(ad.legalOrSimilarEffect()),
                        Tri.of(ad.humanReview()), ad.exception()));
        var m = req.marketing();
        facts.add(m == null ? new Marketing(false, null, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN)
                : new Marketing(true, m.channel(), Tri.of(m.existingCustomer()), Tri.of(m.similarProducts()),
                        Tri.of(m.optOutOffered())));
        var fm = req.formalities();
        facts.add(fm == null ? new Formalities(false, Tri.UNKNOWN, null, Tri.UNKNOWN, Tri.UNKNOWN)
                : new Formalities(true, Tri.of(fm.authorisation()), fm.referenceMethodology(),
                        Tri.of(fm.priorConsultation()), Tri.of(fm.collectiveAgreement())));
        for (String code : d.categories().stream().distinct().sorted().toList()) {
            facts.add(new DataCategory(code, policies.dataCategoryKinds().getOrDefault(code, "ordinary")));
        }
        for (String code : s.countries().stream().distinct().sorted().toList()) {
            facts.add(new SubjectCountry(code));
        }
        List<OperationRequest.RecipientSpec> recipients = orEmpty(req.recipients());
        for (int i = 0; i < recipients.size(); i++) {
            var r = recipients.get(i);
            facts.add(new Recipient(i, r.name(), r.role(), r.country(), Tri.of(r.processingAgreement())));
        }
        List<OperationRequest.TransferSpec> transfers = orEmpty(req.transfers());
        for (int i = 0; i < transfers.size(); i++) {
            var t = transfers.get(i);
            facts.add(new Transfer(i, t.country(), t.mechanism(), Tri.of(t.transferImpactAssessment()),
                    Tri.of(t.supplementaryMeasures())));
        }
        return facts;
    }

    private static <T> Optional<T> opt(T t) { return Optional.ofNullable(t); }

    private static <T> List<T> orEmpty(List<T> l) { return l == null ? List.of() : l; }
}
