package lexgate.vocabulary;

import java.time.LocalDate;
import java.util.List;

/**
 * The processing operation under evaluation, one per session. Scalar request fields are flattened
 * here; repeated parts (data categories, countries, recipients, transfers) are facts of their own.
 * A {@code null} String or Integer, or {@link Tri#UNKNOWN}, means the request did not say.
 */
public final class Operation {
    private final LocalDate asOf;
    private final String controllerName;
    private final String establishment;
    private final Tri publicAuthority;
    private final String purpose;
    private final String originalPurpose;
    private final String basis;
    private final String specialCategoryCondition;
    private final String legalObligationLaw;
    private final String publicTaskLaw;
    private final String dataSource;
    private final Long subjectCount;
    private final Tri pseudonymised;
    private final Tri anonymised;
    private final List<String> categories;
    private final List<String> subjectCategories;
    private final List<String> subjectCountries;
    private final Integer minimumAge;
    private final Integer retentionDays;
    private final Tri retentionIndefinite;
    private final Tri lessIntrusiveMeansAvailable;
    private final Tri publicByDefault;
    private final Tri ageVerification;
    private final Tri dpiaDone;
    private final Tri noticeProvided;
    private final Tri encryptionAtRest;
    private final Tri encryptionInTransit;
    private final Tri accessControl;
    private final List<String> characteristics;

    /** Built by the decision layer from a validated request; rule files only read it. */
    public Operation(LocalDate asOf, String controllerName, String establishment, Tri publicAuthority,
                     String purpose, String originalPurpose, String basis, String specialCategoryCondition,
                     String legalObligationLaw, String publicTaskLaw, String dataSource, Long subjectCount,
                     Tri pseudonymised, Tri anonymised, List<String> categories, List<String> subjectCategories,
                     List<String> subjectCountries, Integer minimumAge, Integer retentionDays,
                     Tri retentionIndefinite, Tri lessIntrusiveMeansAvailable, Tri publicByDefault,
                     Tri ageVerification, Tri dpiaDone, Tri noticeProvided, Tri encryptionAtRest,
                     Tri encryptionInTransit, Tri accessControl, List<String> characteristics) {
        this.asOf = asOf;
        this.controllerName = controllerName;
        this.establishment = establishment;
        this.publicAuthority = publicAuthority;
        this.purpose = purpose;
        this.originalPurpose = originalPurpose;
        this.basis = basis;
        this.specialCategoryCondition = specialCategoryCondition;
        this.legalObligationLaw = legalObligationLaw;
        this.publicTaskLaw = publicTaskLaw;
        this.dataSource = dataSource;
        this.subjectCount = subjectCount;
        this.pseudonymised = pseudonymised;
        this.anonymised = anonymised;
        this.categories = List.copyOf(categories);
        this.subjectCategories = List.copyOf(subjectCategories);
        this.subjectCountries = List.copyOf(subjectCountries);
        this.minimumAge = minimumAge;
        this.retentionDays = retentionDays;
        this.retentionIndefinite = retentionIndefinite;
        this.lessIntrusiveMeansAvailable = lessIntrusiveMeansAvailable;
        this.publicByDefault = publicByDefault;
        this.ageVerification = ageVerification;
        this.dpiaDone = dpiaDone;
        this.noticeProvided = noticeProvided;
        this.encryptionAtRest = encryptionAtRest;
        this.encryptionInTransit = encryptionInTransit;
        this.accessControl = accessControl;
        this.characteristics = List.copyOf(characteristics);
    }

    /** The day the processing happens ({@code asOf}). */
    public LocalDate getAsOf() { return asOf; }
    /** {@code controller.name}. */
    public String getControllerName() { return controllerName; }
    /** {@code controller.establishment}, ISO country code. */
    public String getEstablishment() { return establishment; }
    /** {@code controller.publicAuthority}. */
    public Tri getPublicAuthority() { return publicAuthority; }
    /** {@code purpose.code}. */
    public String getPurpose() { return purpose; }
    /** {@code purpose.originalPurpose}, or null. */
    public String getOriginalPurpose() { return originalPurpose; }
    /** {@code legalBasis.article}: "6(1)(a)" ... "6(1)(f)" or "none". */
    public String getBasis() { return basis; }
    /** {@code legalBasis.specialCategoryCondition}: "9(2)(a)" ... or "none"; null when unknown. */
    public String getSpecialCategoryCondition() { return specialCategoryCondition; }
    /** {@code legalBasis.legalObligation.law}, or null. */
    public String getLegalObligationLaw() { return legalObligationLaw; }
    /** {@code legalBasis.publicTask.law}, or null. */
    public String getPublicTaskLaw() { return publicTaskLaw; }
    /** {@code data.source}, or null. */
    public String getDataSource() { return dataSource; }
    /** {@code data.subjectCount}, or null. */
    public Long getSubjectCount() { return subjectCount; }
    /** {@code data.pseudonymised}. */
    public Tri getPseudonymised() { return pseudonymised; }
    /** {@code data.anonymised}. */
    public Tri getAnonymised() { return anonymised; }
    /** {@code data.categories}. */
    public List<String> getCategories() { return categories; }
    /** {@code subjects.categories}. */
    public List<String> getSubjectCategories() { return subjectCategories; }
    /** {@code subjects.countries}. */
    public List<String> getSubjectCountries() { return subjectCountries; }
    /** {@code subjects.minimumAge}, or null. */
    public Integer getMinimumAge() { return minimumAge; }
    /** {@code retention.days}, or null. */
    public Integer getRetentionDays() { return retentionDays; }
    /** {@code retention.indefinite}. */
    public Tri getRetentionIndefinite() { return retentionIndefinite; }
    /** {@code necessity.lessIntrusiveMeansAvailable}. */
    public Tri getLessIntrusiveMeansAvailable() { return lessIntrusiveMeansAvailable; }
    /** {@code design.publicByDefault}. */
    public Tri getPublicByDefault() { return publicByDefault; }
    /** {@code design.ageVerification}. */
    public Tri getAgeVerification() { return ageVerification; }
    /** {@code dpia.done}. */
    public Tri getDpiaDone() { return dpiaDone; }
    /** {@code transparency.noticeProvided}. */
    public Tri getNoticeProvided() { return noticeProvided; }
    /** {@code security.encryptionAtRest}. */
    public Tri getEncryptionAtRest() { return encryptionAtRest; }
    /** {@code security.encryptionInTransit}. */
    public Tri getEncryptionInTransit() { return encryptionInTransit; }
    /** {@code security.accessControl}. */
    public Tri getAccessControl() { return accessControl; }
    /** {@code characteristics}. */
    public List<String> getCharacteristics() { return characteristics; }

    /** True when {@code data.categories} lists the code. */
    public boolean hasCategory(String code) { return categories.contains(code); }
    /** True when {@code subjects.categories} lists the code. */
    public boolean hasSubject(String code) { return subjectCategories.contains(code); }
    /** True when {@code characteristics} lists the code. */
    public boolean hasCharacteristic(String code) { return characteristics.contains(code); }
    /** True when {@code subjects.countries} lists the country. */
    public boolean concernsSubjectsIn(String country) { return subjectCountries.contains(country); }
    /** True when the request states a retention period or says it is indefinite. */
    public boolean isRetentionKnown() { return retentionDays != null || retentionIndefinite != Tri.UNKNOWN; }
    /**
     * True when keeping data {@code retentionDays} from {@code asOf} goes past the ISO-8601 period
     * (e.g. "P3D", "P1M", "P10Y"); false when no period is stated.
     */
    public boolean retentionExceeds(String isoPeriod) {
        if (retentionDays == null) return false;
        return asOf.plusDays(retentionDays).isAfter(asOf.plus(java.time.Period.parse(isoPeriod)));
    }
}
