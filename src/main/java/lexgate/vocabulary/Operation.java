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
    private final String region;
    private final Tri targetsSubjects;
    private final Tri federalBody;
    private final Tri objectionsExcluded;
    private final Tri offeredDirectlyToChildren;

    private Operation(Builder b) {
        this.asOf = b.asOf;
        this.controllerName = b.controllerName;
        this.establishment = b.establishment;
        this.publicAuthority = b.publicAuthority;
        this.purpose = b.purpose;
        this.originalPurpose = b.originalPurpose;
        this.basis = b.basis;
        this.specialCategoryCondition = b.specialCategoryCondition;
        this.legalObligationLaw = b.legalObligationLaw;
        this.publicTaskLaw = b.publicTaskLaw;
        this.dataSource = b.dataSource;
        this.subjectCount = b.subjectCount;
        this.pseudonymised = b.pseudonymised;
        this.anonymised = b.anonymised;
        this.categories = List.copyOf(b.categories);
        this.subjectCategories = List.copyOf(b.subjectCategories);
        this.subjectCountries = List.copyOf(b.subjectCountries);
        this.characteristics = List.copyOf(b.characteristics);
        this.minimumAge = b.minimumAge;
        this.retentionDays = b.retentionDays;
        this.retentionIndefinite = b.retentionIndefinite;
        this.lessIntrusiveMeansAvailable = b.lessIntrusiveMeansAvailable;
        this.publicByDefault = b.publicByDefault;
        this.ageVerification = b.ageVerification;
        this.dpiaDone = b.dpiaDone;
        this.noticeProvided = b.noticeProvided;
        this.encryptionAtRest = b.encryptionAtRest;
        this.encryptionInTransit = b.encryptionInTransit;
        this.accessControl = b.accessControl;
        this.region = b.region;
        this.targetsSubjects = b.targetsSubjects;
        this.federalBody = b.federalBody;
        this.objectionsExcluded = b.objectionsExcluded;
        this.offeredDirectlyToChildren = b.offeredDirectlyToChildren;
    }

    /** A new builder; the decision layer fills it from a validated request. */
    public static Builder builder() { return new Builder(); }

    /** Builds an {@link Operation}; unset facts stay unknown. Used by the decision layer, not by rules. */
    public static final class Builder {
        private LocalDate asOf;
        private String controllerName;
        private String establishment;
        private Tri publicAuthority = Tri.UNKNOWN;
        private String purpose;
        private String originalPurpose;
        private String basis;
        private String specialCategoryCondition;
        private String legalObligationLaw;
        private String publicTaskLaw;
        private String dataSource;
        private Long subjectCount;
        private Tri pseudonymised = Tri.UNKNOWN;
        private Tri anonymised = Tri.UNKNOWN;
        private List<String> categories = List.of();
        private List<String> subjectCategories = List.of();
        private List<String> subjectCountries = List.of();
        private Integer minimumAge;
        private Integer retentionDays;
        private Tri retentionIndefinite = Tri.UNKNOWN;
        private Tri lessIntrusiveMeansAvailable = Tri.UNKNOWN;
        private Tri publicByDefault = Tri.UNKNOWN;
        private Tri ageVerification = Tri.UNKNOWN;
        private Tri dpiaDone = Tri.UNKNOWN;
        private Tri noticeProvided = Tri.UNKNOWN;
        private Tri encryptionAtRest = Tri.UNKNOWN;
        private Tri encryptionInTransit = Tri.UNKNOWN;
        private Tri accessControl = Tri.UNKNOWN;
        private List<String> characteristics = List.of();
        private String region;
        private Tri targetsSubjects = Tri.UNKNOWN;
        private Tri federalBody = Tri.UNKNOWN;
        private Tri objectionsExcluded = Tri.UNKNOWN;
        private Tri offeredDirectlyToChildren = Tri.UNKNOWN;

        private Builder() {}

        /** Sets {@code asOf}. */
        public Builder asOf(LocalDate v) { this.asOf = v; return this; }
        /** Sets {@code controllerName}. */
        public Builder controllerName(String v) { this.controllerName = v; return this; }
        /** Sets {@code establishment}. */
        public Builder establishment(String v) { this.establishment = v; return this; }
        /** Sets {@code publicAuthority}. */
        public Builder publicAuthority(Tri v) { this.publicAuthority = v; return this; }
        /** Sets {@code purpose}. */
        public Builder purpose(String v) { this.purpose = v; return this; }
        /** Sets {@code originalPurpose}. */
        public Builder originalPurpose(String v) { this.originalPurpose = v; return this; }
        /** Sets {@code basis}. */
        public Builder basis(String v) { this.basis = v; return this; }
        /** Sets {@code specialCategoryCondition}. */
        public Builder specialCategoryCondition(String v) { this.specialCategoryCondition = v; return this; }
        /** Sets {@code legalObligationLaw}. */
        public Builder legalObligationLaw(String v) { this.legalObligationLaw = v; return this; }
        /** Sets {@code publicTaskLaw}. */
        public Builder publicTaskLaw(String v) { this.publicTaskLaw = v; return this; }
        /** Sets {@code dataSource}. */
        public Builder dataSource(String v) { this.dataSource = v; return this; }
        /** Sets {@code subjectCount}. */
        public Builder subjectCount(Long v) { this.subjectCount = v; return this; }
        /** Sets {@code pseudonymised}. */
        public Builder pseudonymised(Tri v) { this.pseudonymised = v; return this; }
        /** Sets {@code anonymised}. */
        public Builder anonymised(Tri v) { this.anonymised = v; return this; }
        /** Sets {@code categories}. */
        public Builder categories(List<String> v) { this.categories = v; return this; }
        /** Sets {@code subjectCategories}. */
        public Builder subjectCategories(List<String> v) { this.subjectCategories = v; return this; }
        /** Sets {@code subjectCountries}. */
        public Builder subjectCountries(List<String> v) { this.subjectCountries = v; return this; }
        /** Sets {@code minimumAge}. */
        public Builder minimumAge(Integer v) { this.minimumAge = v; return this; }
        /** Sets {@code retentionDays}. */
        public Builder retentionDays(Integer v) { this.retentionDays = v; return this; }
        /** Sets {@code retentionIndefinite}. */
        public Builder retentionIndefinite(Tri v) { this.retentionIndefinite = v; return this; }
        /** Sets {@code lessIntrusiveMeansAvailable}. */
        public Builder lessIntrusiveMeansAvailable(Tri v) { this.lessIntrusiveMeansAvailable = v; return this; }
        /** Sets {@code publicByDefault}. */
        public Builder publicByDefault(Tri v) { this.publicByDefault = v; return this; }
        /** Sets {@code ageVerification}. */
        public Builder ageVerification(Tri v) { this.ageVerification = v; return this; }
        /** Sets {@code dpiaDone}. */
        public Builder dpiaDone(Tri v) { this.dpiaDone = v; return this; }
        /** Sets {@code noticeProvided}. */
        public Builder noticeProvided(Tri v) { this.noticeProvided = v; return this; }
        /** Sets {@code encryptionAtRest}. */
        public Builder encryptionAtRest(Tri v) { this.encryptionAtRest = v; return this; }
        /** Sets {@code encryptionInTransit}. */
        public Builder encryptionInTransit(Tri v) { this.encryptionInTransit = v; return this; }
        /** Sets {@code accessControl}. */
        public Builder accessControl(Tri v) { this.accessControl = v; return this; }
        /** Sets {@code characteristics}. */
        public Builder characteristics(List<String> v) { this.characteristics = v; return this; }
        /** Sets {@code region}. */
        public Builder region(String v) { this.region = v; return this; }
        /** Sets {@code targetsSubjects}. */
        public Builder targetsSubjects(Tri v) { this.targetsSubjects = v; return this; }
        /** Sets {@code federalBody}. */
        public Builder federalBody(Tri v) { this.federalBody = v; return this; }
        /** Sets {@code objectionsExcluded}. */
        public Builder objectionsExcluded(Tri v) { this.objectionsExcluded = v; return this; }
        /** Sets {@code offeredDirectlyToChildren}. */
        public Builder offeredDirectlyToChildren(Tri v) { this.offeredDirectlyToChildren = v; return this; }

        /** The operation. */
        public Operation build() { return new Operation(this); }
    }

    /** {@code controller.region}: ISO 3166-2 subdivision of the controller's seat (e.g. "DE-HH"), or null. */
    @Doc(value = "controller.region: ISO 3166-2 subdivision of the controller's seat (e.g. \"DE-HH\"), or null.", field = "controller.region")
    public String getRegion() { return region; }
    /** {@code controller.targetsSubjects}: Art. 3(2), goods or services offered to, or behaviour monitored of, people in the Union. */
    @Doc(value = "controller.targetsSubjects: Art. 3(2), goods or services offered to, or behaviour monitored of, people in the Union.", field = "controller.targetsSubjects")
    public Tri getTargetsSubjects() { return targetsSubjects; }
    /** {@code controller.federalBody}: a public body of a federation (DE: of the Bund, supervised by the BfDI, BDSG § 9). */
    @Doc(value = "controller.federalBody: a public body of a federation (DE: of the Bund, supervised by the BfDI, BDSG § 9).", field = "controller.federalBody")
    public Tri getFederalBody() { return federalBody; }
    /** {@code subjects.objectionsExcluded}: people who objected or withdrew consent are left out. */
    @Doc(value = "subjects.objectionsExcluded: people who objected or withdrew consent are left out.", field = "subjects.objectionsExcluded")
    public Tri getObjectionsExcluded() { return objectionsExcluded; }
    /** {@code design.offeredDirectlyToChildren}: Art. 8(1), an information society service offered directly to a child. */
    @Doc(value = "design.offeredDirectlyToChildren: Art. 8(1), an information society service offered directly to a child.", field = "design.offeredDirectlyToChildren")
    public Tri getOfferedDirectlyToChildren() { return offeredDirectlyToChildren; }

    /** The day the processing happens ({@code asOf}). */
    @Doc("The day the processing happens (asOf).")
    public LocalDate getAsOf() { return asOf; }
    /** {@code controller.name}. */
    @Doc(value = "controller.name.", field = "controller.name")
    public String getControllerName() { return controllerName; }
    /** {@code controller.establishment}, ISO country code. */
    @Doc(value = "controller.establishment, ISO country code.", field = "controller.establishment")
    @Codes(CodeSet.COUNTRY)
    public String getEstablishment() { return establishment; }
    /** {@code controller.publicAuthority}. */
    @Doc(value = "controller.publicAuthority.", field = "controller.publicAuthority")
    public Tri getPublicAuthority() { return publicAuthority; }
    /** {@code purpose.code}. */
    @Doc(value = "purpose.code.", field = "purpose.code")
    @Codes(CodeSet.PURPOSE)
    public String getPurpose() { return purpose; }
    /** {@code purpose.originalPurpose}, or null. */
    @Doc(value = "purpose.originalPurpose, or null.", field = "purpose.originalPurpose")
    @Codes(CodeSet.PURPOSE)
    public String getOriginalPurpose() { return originalPurpose; }
    /** {@code legalBasis.article}: "6(1)(a)" ... "6(1)(f)" or "none". */
    @Doc(value = "legalBasis.article: \"6(1)(a)\" ... \"6(1)(f)\" or \"none\".", field = "legalBasis.article")
    @Codes(CodeSet.ARTICLE)
    public String getBasis() { return basis; }
    /** {@code legalBasis.specialCategoryCondition}: "9(2)(a)" ... or "none"; null when unknown. */
    @Doc(value = "legalBasis.specialCategoryCondition: \"9(2)(a)\" ... or \"none\"; null when unknown.", field = "legalBasis.specialCategoryCondition")
    @Codes(CodeSet.SPECIAL_CONDITION)
    public String getSpecialCategoryCondition() { return specialCategoryCondition; }
    /** {@code legalBasis.legalObligation.law}, or null. */
    @Doc(value = "legalBasis.legalObligation.law, or null.", field = "legalBasis.legalObligation.law")
    public String getLegalObligationLaw() { return legalObligationLaw; }
    /** {@code legalBasis.publicTask.law}, or null. */
    @Doc(value = "legalBasis.publicTask.law, or null.", field = "legalBasis.publicTask.law")
    public String getPublicTaskLaw() { return publicTaskLaw; }
    /** {@code data.source}, or null. */
    @Doc(value = "data.source, or null.", field = "data.source")
    @Codes(CodeSet.DATA_SOURCE)
    public String getDataSource() { return dataSource; }
    /** {@code data.subjectCount}, or null. */
    @Doc(value = "data.subjectCount, or null.", field = "data.subjectCount")
    public Long getSubjectCount() { return subjectCount; }
    /** {@code data.pseudonymised}. */
    @Doc(value = "data.pseudonymised.", field = "data.pseudonymised")
    public Tri getPseudonymised() { return pseudonymised; }
    /** {@code data.anonymised}. */
    @Doc(value = "data.anonymised.", field = "data.anonymised")
    public Tri getAnonymised() { return anonymised; }
    /** {@code data.categories}. */
    @Doc(value = "data.categories.", field = "data.categories")
    public List<String> getCategories() { return categories; }
    /** {@code subjects.categories}. */
    @Doc(value = "subjects.categories.", field = "subjects.categories")
    public List<String> getSubjectCategories() { return subjectCategories; }
    /** {@code subjects.countries}. */
    @Doc(value = "subjects.countries.", field = "subjects.countries")
    public List<String> getSubjectCountries() { return subjectCountries; }
    /** {@code subjects.minimumAge}, or null. */
    @Doc(value = "subjects.minimumAge, or null.", field = "subjects.minimumAge")
    public Integer getMinimumAge() { return minimumAge; }
    /** {@code retention.days}, or null. */
    @Doc(value = "retention.days, or null.", field = "retention.days")
    public Integer getRetentionDays() { return retentionDays; }
    /** {@code retention.indefinite}. */
    @Doc(value = "retention.indefinite.", field = "retention.indefinite")
    public Tri getRetentionIndefinite() { return retentionIndefinite; }
    /** {@code necessity.lessIntrusiveMeansAvailable}. */
    @Doc(value = "necessity.lessIntrusiveMeansAvailable.", field = "necessity.lessIntrusiveMeansAvailable")
    public Tri getLessIntrusiveMeansAvailable() { return lessIntrusiveMeansAvailable; }
    /** {@code design.publicByDefault}. */
    @Doc(value = "design.publicByDefault.", field = "design.publicByDefault")
    public Tri getPublicByDefault() { return publicByDefault; }
    /** {@code design.ageVerification}. */
    @Doc(value = "design.ageVerification.", field = "design.ageVerification")
    public Tri getAgeVerification() { return ageVerification; }
    /** {@code dpia.done}. */
    @Doc(value = "dpia.done.", field = "dpia.done")
    public Tri getDpiaDone() { return dpiaDone; }
    /** {@code transparency.noticeProvided}. */
    @Doc(value = "transparency.noticeProvided.", field = "transparency.noticeProvided")
    public Tri getNoticeProvided() { return noticeProvided; }
    /** {@code security.encryptionAtRest}. */
    @Doc(value = "security.encryptionAtRest.", field = "security.encryptionAtRest")
    public Tri getEncryptionAtRest() { return encryptionAtRest; }
    /** {@code security.encryptionInTransit}. */
    @Doc(value = "security.encryptionInTransit.", field = "security.encryptionInTransit")
    public Tri getEncryptionInTransit() { return encryptionInTransit; }
    /** {@code security.accessControl}. */
    @Doc(value = "security.accessControl.", field = "security.accessControl")
    public Tri getAccessControl() { return accessControl; }
    /** {@code characteristics}. */
    @Doc("characteristics.")
    public List<String> getCharacteristics() { return characteristics; }

    /** True when {@code data.categories} lists the code. */
    @Doc("True when data.categories lists the code.")
    @RuleApi
    public boolean hasCategory(@Codes(CodeSet.DATA_CATEGORY) String code) { return categories.contains(code); }
    /** True when {@code subjects.categories} lists the code. */
    @Doc("True when subjects.categories lists the code.")
    @RuleApi
    public boolean hasSubject(@Codes(CodeSet.SUBJECT_CATEGORY) String code) { return subjectCategories.contains(code); }
    /** True when {@code characteristics} lists the code. */
    @Doc("True when characteristics lists the code.")
    @RuleApi
    public boolean hasCharacteristic(@Codes(CodeSet.CHARACTERISTIC) String code) { return characteristics.contains(code); }
    /** True when {@code subjects.countries} lists the country. */
    @Doc("True when subjects.countries lists the country.")
    @RuleApi
    public boolean concernsSubjectsIn(@Codes(CodeSet.COUNTRY) String country) { return subjectCountries.contains(country); }
    /** True when the request states a retention period or says it is indefinite. */
    @Doc("True when the request states a retention period or says it is indefinite.")
    @RuleApi
    public boolean isRetentionKnown() { return retentionDays != null || retentionIndefinite != Tri.UNKNOWN; }
    /**
     * True when keeping data {@code retentionDays} days goes past the ISO-8601 period (e.g. "P3D",
     * "P1M", "P10Y") however long the period is in the calendar: a retention period is a rolling
     * duration applied to each record, so "one month" is compared with the longest month (31 days),
     * "six months" with 184 days, a year with 366. The answer does not depend on {@code asOf}.
     * False when no number of days is stated.
     */
    @RuleApi
    public boolean retentionExceeds(@Codes(CodeSet.PERIOD) String isoPeriod) {
        if (retentionDays == null) return false;
        return retentionDays > longestDays(isoPeriod);
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Long> LONGEST = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The most days the period can span: the maximum over every start day of a four-year cycle (2000 to
     * 2003, so every month length and a leap day are met). Computed once per period; java.time has no
     * "longest length of a Period", and a fixed 30-days-a-month rule would refuse 31 days for a month.
     */
    static long longestDays(String isoPeriod) {
        return LONGEST.computeIfAbsent(isoPeriod, p -> {
            java.time.Period period = java.time.Period.parse(p);
            LocalDate start = LocalDate.of(2000, 1, 1), end = LocalDate.of(2004, 1, 1);
            long max = 0;
            for (LocalDate d = start; d.isBefore(end); d = d.plusDays(1)) {
                max = Math.max(max, java.time.temporal.ChronoUnit.DAYS.between(d, d.plus(period)));
            }
            return max;
        });
    }
}
