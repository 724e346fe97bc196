package lexgate.decision;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The request body of {@code POST /v1/decisions}: a processing operation as the contract
 * (decision-api-v1) defines it. Absent fields are null, which means unknown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A processing operation (decision-api-v1). Every field not required is optional and unknown when "
        + "absent (unknown is not false). Unknown fields are a 422.")
public record OperationRequest(
        String operationId, @Schema(format = "date", description = "the day the processing happens; default today (UTC)") String asOf,
        @Schema(required = true) Controller controller, @Schema(required = true) PurposeSpec purpose,
        @Schema(required = true) LegalBasis legalBasis,
        @Schema(required = true) DataSpec data, @Schema(required = true) Subjects subjects, List<RecipientSpec> recipients, List<TransferSpec> transfers,
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
    public record Controller(@Schema(required = true) String name,
                             @Schema(required = true, description = "ISO 3166-1 alpha-2, upper case", pattern = "^[A-Z]{2}$") String establishment, Boolean publicAuthority, String region,
                             Boolean targetsSubjects, Boolean federalBody) {}

    /** {@code purpose}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PurposeSpec(@Schema(required = true, description = "open taxonomy kept in policies/") String code, String description, String originalPurpose) {}

    /** {@code legalBasis}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LegalBasis(@Schema(required = true, enumeration = {"6(1)(a)", "6(1)(b)", "6(1)(c)", "6(1)(d)", "6(1)(e)", "6(1)(f)", "none"}) String article, ConsentSpec consent, LegitimateInterestSpec legitimateInterest,
                             String specialCategoryCondition, LawRef legalObligation, LawRef publicTask) {}

    /** {@code legalBasis.consent}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentSpec(Boolean freelyGiven, Boolean specific, Boolean informed, Boolean unambiguous,
                              Boolean explicit, Boolean refusalAsEasyAsAcceptance, Boolean withdrawable,
                              Boolean recordKept, Boolean parentalConsent,
                              @Schema(enumeration = {"controller", "third-party"}) String collectedBy,
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
    public record DataSpec(@Schema(required = true, minItems = 1, description = "open taxonomy kept in policies/") List<String> categories,
                           @Schema(enumeration = {"data-subject", "observed", "third-party", "publicly-available", "scraped", "inferred"}) String source, Long subjectCount, Boolean pseudonymised,
                           Boolean anonymised) {}

    /** {@code subjects}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subjects(List<String> categories,
                           @Schema(required = true, minItems = 1, description = "ISO 3166-1 alpha-2, upper case") List<String> countries, Integer minimumAge,
                           Boolean objectionsExcluded) {}

    /** {@code recipients[]}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecipientSpec(String name, @Schema(enumeration = {"processor", "controller", "joint-controller"}) String role, String country, Boolean processingAgreement) {}

    /** {@code transfers[]}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransferSpec(String country,
                               @Schema(enumeration = {"adequacy", "dpf", "scc", "bcr", "derogation-art49", "none"}) String mechanism, Boolean transferImpactAssessment,
                               Boolean supplementaryMeasures) {}

    /** {@code retention}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Retention(Integer days, Boolean indefinite) {}

    /** {@code automatedDecision}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AutomatedDecisionSpec(Boolean solelyAutomated, Boolean legalOrSimilarEffect, Boolean humanReview,
                                        @Schema(enumeration = {"contract", "law", "explicit-consent", "none"}) String exception) {}

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
    public record MarketingSpec(@Schema(enumeration = {"email", "sms", "automated-call", "phone", "post", "in-app", "online-ads"}) String channel, Boolean existingCustomer, Boolean similarProducts, Boolean optOutOffered) {}

    /** {@code formalities} (contract additions): prior formalities. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FormalitiesSpec(Boolean authorisation, String referenceMethodology, Boolean priorConsultation,
                                  Boolean collectiveAgreement) {}
}
