package lexgate.decision;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The request body of {@code POST /v1/decisions}: a processing operation as the contract
 * (decision-api-v1) defines it. Absent fields are null, which means unknown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationRequest(
        String operationId, String asOf, Controller controller, PurposeSpec purpose, LegalBasis legalBasis,
        DataSpec data, Subjects subjects, List<RecipientSpec> recipients, List<TransferSpec> transfers,
        Retention retention, AutomatedDecisionSpec automatedDecision, Necessity necessity, Design design,
        Dpia dpia, Transparency transparency, Security security, List<String> characteristics,
        MarketingSpec marketing, FormalitiesSpec formalities) {

    /** The same request with {@code asOf} set. */
    public OperationRequest withAsOf(String day) {
        return new OperationRequest(operationId, day, controller, purpose, legalBasis, data, subjects, recipients,
                transfers, retention, automatedDecision, necessity, design, dpia, transparency, security, characteristics,
                marketing, formalities);
    }

    /** {@code controller}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Controller(String name, String establishment, Boolean publicAuthority, String region,
                             Boolean targetsSubjects, Boolean federalBody) {}

    /** {@code purpose}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PurposeSpec(String code, String description, String originalPurpose) {}

    /** {@code legalBasis}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LegalBasis(String article, ConsentSpec consent, LegitimateInterestSpec legitimateInterest,
                             String specialCategoryCondition, LawRef legalObligation, LawRef publicTask) {}

    /** {@code legalBasis.consent}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentSpec(Boolean freelyGiven, Boolean specific, Boolean informed, Boolean unambiguous,
                              Boolean explicit, Boolean refusalAsEasyAsAcceptance, Boolean withdrawable,
                              Boolean recordKept, Boolean parentalConsent, String collectedBy,
                              Boolean conditionOfService, Boolean equivalentAlternative) {}

    /** {@code legalBasis.legitimateInterest}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LegitimateInterestSpec(String interest, Boolean balancingTestDone, Boolean optOutOffered,
                                         Boolean withinReasonableExpectations) {}

    /** {@code legalBasis.legalObligation} and {@code legalBasis.publicTask}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LawRef(String law) {}

    /** {@code data}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataSpec(List<String> categories, String source, Long subjectCount, Boolean pseudonymised,
                           Boolean anonymised) {}

    /** {@code subjects}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subjects(List<String> categories, List<String> countries, Integer minimumAge,
                           Boolean objectionsExcluded) {}

    /** {@code recipients[]}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecipientSpec(String name, String role, String country, Boolean processingAgreement) {}

    /** {@code transfers[]}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransferSpec(String country, String mechanism, Boolean transferImpactAssessment,
                               Boolean supplementaryMeasures) {}

    /** {@code retention}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Retention(Integer days, Boolean indefinite) {}

    /** {@code automatedDecision}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AutomatedDecisionSpec(Boolean solelyAutomated, Boolean legalOrSimilarEffect, Boolean humanReview,
                                        String exception) {}

    /** {@code necessity}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Necessity(Boolean lessIntrusiveMeansAvailable) {}

    /** {@code design}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Design(Boolean publicByDefault, Boolean ageVerification, Boolean offeredDirectlyToChildren) {}

    /** {@code dpia}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dpia(Boolean done) {}

    /** {@code transparency}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transparency(Boolean noticeProvided) {}

    /** {@code security}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Security(Boolean encryptionAtRest, Boolean encryptionInTransit, Boolean accessControl) {}

    /** {@code marketing} (contract additions): how direct marketing reaches people. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MarketingSpec(String channel, Boolean existingCustomer, Boolean similarProducts, Boolean optOutOffered) {}

    /** {@code formalities} (contract additions): prior formalities. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FormalitiesSpec(Boolean authorisation, String referenceMethodology, Boolean priorConsultation,
                                  Boolean collectiveAgreement) {}
}
