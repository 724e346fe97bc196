package lexgate.api;

/**
 * The request examples of the OpenAPI document: the files in {@code examples/}, verbatim (annotation
 * values must be constants). {@code OpenApiConformanceTest} fails when one differs from its file.
 */
final class ApiExamples {
    private ApiExamples() {}

    /** examples/ai-training-with-safeguards.json */
    static final String AI_TRAINING_WITH_SAFEGUARDS = """
            {
              "operationId": "ai-training-v2",
              "asOf": "2026-11-28",
              "controller": { "name": "Social platform Ltd", "establishment": "IE", "publicAuthority": false },
              "purpose": { "code": "ai-model-training", "description": "Train our generative AI models on adults' public posts" },
              "legalBasis": { "article": "6(1)(f)",
                              "legitimateInterest": { "interest": "Developing our AI models", "balancingTestDone": true,
                                                      "optOutOffered": true } },
              "data": { "categories": ["user-content"], "source": "data-subject" },
              "subjects": { "categories": ["users"], "countries": ["IE", "FR", "DE"], "minimumAge": 18 },
              "retention": { "days": 730 },
              "dpia": { "done": true },
              "transparency": { "noticeProvided": true },
              "characteristics": ["large-scale", "new-technology"]
            }""";

    /** examples/ai-training-no-notice-no-opt-out.json */
    static final String AI_TRAINING_NO_NOTICE_NO_OPT_OUT = """
            {
              "operationId": "ai-training-v1",
              "asOf": "2026-11-28",
              "controller": { "name": "Social platform Ltd", "establishment": "IE", "publicAuthority": false },
              "purpose": { "code": "ai-model-training", "description": "Train our generative AI models on users' public posts" },
              "legalBasis": { "article": "6(1)(f)",
                              "legitimateInterest": { "interest": "Developing our AI models", "optOutOffered": false } },
              "data": { "categories": ["user-content"], "source": "data-subject" },
              "subjects": { "categories": ["users"], "countries": ["IE", "FR", "DE"], "minimumAge": 18 },
              "transparency": { "noticeProvided": false },
              "characteristics": ["large-scale", "new-technology"]
            }""";

    /** examples/ai-training-pre-ticked-consent.json */
    static final String AI_TRAINING_PRE_TICKED_CONSENT = """
            {
              "operationId": "ai-training-v3",
              "asOf": "2026-11-28",
              "controller": { "name": "Social platform Ltd", "establishment": "IE", "publicAuthority": false },
              "purpose": { "code": "ai-model-training", "description": "Train our AI models; 'I agree' box ticked by default in settings" },
              "legalBasis": { "article": "6(1)(a)",
                              "consent": { "freelyGiven": true, "specific": true, "informed": true, "unambiguous": false } },
              "data": { "categories": ["user-content"], "source": "data-subject" },
              "subjects": { "categories": ["users"], "countries": ["IE", "FR", "DE"], "minimumAge": 18 },
              "dpia": { "done": true },
              "transparency": { "noticeProvided": true },
              "characteristics": ["large-scale", "new-technology"]
            }""";
}
