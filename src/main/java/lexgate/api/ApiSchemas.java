package lexgate.api;

import lexgate.decision.Decision;
import lexgate.replay.DecisionDiff;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The OpenAPI schemas of the responses that the resources build as maps: each record names exactly
 * the fields the resource writes (nulls where it writes null), so that the document describes the
 * wire as it is. Documentation only; never serialised. {@code OpenApiConformanceTest} validates real
 * responses against them, undocumented fields included.
 */
public final class ApiSchemas {
    private ApiSchemas() {}

    /** One row of GET /v1/decisions. */
    @Schema(name = "DecisionSummary", description = "One stored decision as the search lists it")
    public record DecisionSummary(@Schema(required = true) String decisionId,
                                  @Schema(required = true, nullable = true) String operationId,
                                  @Schema(required = true) Decision.Outcome outcome,
                                  @Schema(required = true, format = "date") String asOf,
                                  @Schema(required = true, format = "date-time") String evaluatedAt,
                                  @Schema(required = true, nullable = true) String purpose,
                                  @Schema(required = true, nullable = true, description = "controller.name") String controller,
                                  @Schema(required = true, nullable = true, description = "the API key or JWT subject that asked")
                                  String client,
                                  @Schema(required = true) Decision.RulesetRef ruleset,
                                  @Schema(required = true, description = "rule ids among the reasons and obligations") List<String> rules) {}

    /** GET /v1/decisions. */
    @Schema(name = "DecisionPage", description = "Stored decisions, newest first, one page")
    public record DecisionPage(@Schema(required = true) List<DecisionSummary> items,
                               @Schema(required = true, nullable = true,
                                       description = "the cursor of the next page, null on the last page") String next) {}

    /** GET /v1/rulesets/active. */
    @Schema(name = "ActiveRuleset", description = "The ruleset serving decisions now")
    public record ActiveRuleset(@Schema(required = true) String version, @Schema(required = true) String digest,
                                @Schema(required = true, format = "date-time") String loadedAt,
                                @Schema(required = true) int ruleCount) {}

    /** POST /v1/rulesets/reload and /v1/rulesets/{digest}/activate. */
    @Schema(name = "RulesetSwitch", description = "What serves now and what served before")
    public record RulesetSwitch(@Schema(required = true, enumeration = {"reloaded", "activated", "unchanged"}) String status,
                                @Schema(required = true) ActiveRuleset active,
                                @Schema(required = true) Decision.RulesetRef previous) {}

    /** One activation. */
    @Schema(name = "Activation", description = "A ruleset began to serve: when, by whom, how, and what it replaced")
    public record Activation(@Schema(required = true) long seq, @Schema(required = true) String digest,
                             @Schema(required = true, format = "date-time") String activatedAt,
                             @Schema(required = true, nullable = true) String activatedBy,
                             @Schema(required = true, enumeration = {"startup", "reload", "activate"}) String via,
                             @Schema(required = true, nullable = true, description = "the digest it replaced") String previous) {}

    /** GET /v1/rulesets/activations. */
    @Schema(name = "ActivationPage", description = "Activations, newest first, one page")
    public record ActivationPage(@Schema(required = true) int page, @Schema(required = true) int size,
                                 @Schema(required = true) List<Activation> items) {}

    /** The latest validation of a stored ruleset. */
    @Schema(name = "ValidationSummary", description = "The latest validation of a stored ruleset")
    public record ValidationSummary(@Schema(required = true) boolean valid,
                                    @Schema(required = true, format = "date-time") String validatedAt,
                                    @Schema(required = true, nullable = true) String validatedBy) {}

    /** One row of GET /v1/rulesets. */
    @Schema(name = "StoredRulesetSummary", description = "A stored ruleset with its latest validation and its activations")
    public record StoredRulesetSummary(@Schema(required = true) String version, @Schema(required = true) String digest,
                                       @Schema(required = true, format = "date-time") String firstLoadedAt,
                                       @Schema(required = true, description = "how it was first stored, e.g. startup, reload, candidate")
                                       String kind,
                                       @Schema(required = true) int ruleCount,
                                       @Schema(required = true, nullable = true) ValidationSummary validation,
                                       @Schema(required = true) List<Activation> activations,
                                       @Schema(required = true, description = "whether it serves now") boolean active) {}

    /** GET /v1/rulesets. */
    @Schema(name = "RulesetPage", description = "Every stored ruleset, newest first, one page")
    public record RulesetPage(@Schema(required = true) int page, @Schema(required = true) int size,
                              @Schema(required = true) long total, @Schema(required = true) ActiveRuleset active,
                              @Schema(required = true) List<StoredRulesetSummary> items) {}

    /** A rule of a stored ruleset. */
    @Schema(name = "RuleSummary", description = "A rule: id, title, citation ids, jurisdiction, dates in force, where it is written")
    public record RuleSummary(@Schema(required = true) String id, @Schema(required = true) String title,
                              @Schema(required = true) List<String> citations,
                              @Schema(required = true) String jurisdiction,
                              @Schema(required = true, format = "date") String inForce,
                              @Schema(required = true, nullable = true, format = "date") String until,
                              @Schema(required = true) String file, @Schema(required = true) int line,
                              @Schema(required = true, description = "The provisions the rule implements, quoted word for word (national law in its language, with an English rendering)")
                              List<lexgate.rules.RuleTexts.Quote> law) {}

    /** A file of a stored ruleset. */
    @Schema(name = "RulesetFile", description = "A file of a ruleset with its content")
    public record RulesetFile(@Schema(required = true) String path, @Schema(required = true) String content) {}

    /** GET /v1/rulesets/{digest}. */
    @Schema(name = "StoredRuleset", description = "One stored ruleset: its files and its rules")
    public record StoredRuleset(@Schema(required = true) String version, @Schema(required = true) String digest,
                                @Schema(required = true, format = "date-time") String firstLoadedAt,
                                @Schema(required = true) String kind, @Schema(required = true) int ruleCount,
                                @Schema(required = true) List<RulesetFile> files,
                                @Schema(required = true) List<RuleSummary> rules) {}

    /** A rule of the catalogue. */
    @Schema(name = "CatalogueRule", description = "An active rule with its citations resolved and the scenarios that exercise it")
    public record CatalogueRule(@Schema(required = true) String id, @Schema(required = true) String title,
                                @Schema(required = true) List<Decision.CitationRef> citations,
                                @Schema(required = true) String jurisdiction,
                                @Schema(required = true, format = "date") String inForce,
                                @Schema(required = true, nullable = true, format = "date") String until,
                                @Schema(required = true) String file, @Schema(required = true) int line,
                                @Schema(required = true, description = "The provisions the rule implements, quoted word for word (national law in its language, with an English rendering)")
                                List<lexgate.rules.RuleTexts.Quote> law,
                                @Schema(required = true) List<String> scenarios) {}

    /** GET /v1/rules. */
    @Schema(name = "RuleCatalogue", description = "The active rules, filtered")
    public record RuleCatalogue(@Schema(required = true) Decision.RulesetRef ruleset, @Schema(required = true) int count,
                                @Schema(required = true) List<CatalogueRule> rules) {}

    /** Progress of a replay. */
    @Schema(name = "ReplayProgress")
    public record ReplayProgress(@Schema(required = true) long total, @Schema(required = true) long processed,
                                 @Schema(required = true) long failed) {}

    /** Summary of a replay. */
    @Schema(name = "ReplaySummary", description = "Changed and unchanged decisions, outcome counts before and after")
    public record ReplaySummary(@Schema(required = true) long processed, @Schema(required = true) long failed,
                                @Schema(required = true) long changed, @Schema(required = true) long unchanged,
                                @Schema(required = true) long outcomeChanged,
                                @Schema(required = true) Map<String, Long> before,
                                @Schema(required = true) Map<String, Long> after) {}

    /** GET /v1/replays/{id}, the items of GET /v1/replays, and the 202 of POST /v1/replays. */
    @Schema(name = "Replay", description = "A replay or impact analysis: who, when, against what, how far it got")
    public static class Replay {
        @Schema(required = true) public String replayId;
        @Schema(required = true, enumeration = {"impact", "single"}) public String kind;
        @Schema(required = true, enumeration = {"queued", "running", "done", "failed", "interrupted"}) public String status;
        @Schema(required = true, description = "the digest replayed against") public String target;
        @Schema(required = true, nullable = true, description = "the filter as given at the start") public Map<String, Object> filter;
        @Schema(required = true, format = "date-time") public String createdAt;
        @Schema(required = true, nullable = true, format = "date-time") public String finishedAt;
        @Schema(required = true) public ReplayProgress progress;
        @Schema(required = true) public long changed;
        @Schema(required = true, description = "counts by outcome change, e.g. \"ALLOW->DENY\": 3") public Map<String, Long> flips;
        @Schema(description = "present when the analysis failed") public String error;
        @Schema(required = true, nullable = true) public String createdBy;
        @Schema(required = true, enumeration = {"stored", "active"}) public String baseline;
        @Schema(required = true, nullable = true) public String baselineDigest;
        @Schema(required = true) public ReplaySummary summary;
    }

    /** GET /v1/replays. */
    @Schema(name = "ReplayList", description = "Replays, newest first")
    public record ReplayList(@Schema(required = true) List<Replay> items) {}

    /** A changed decision in a report. */
    @Schema(name = "ReportChange", description = "A decision whose result changed, with what a reviewer needs of it")
    public record ReportChange(@Schema(required = true) String decisionId,
                               @Schema(required = true, nullable = true) String operationId,
                               @Schema(required = true, nullable = true) String purpose,
                               @Schema(required = true, nullable = true) String controller,
                               @Schema(required = true, nullable = true, format = "date") String asOf,
                               @Schema(required = true, nullable = true, format = "date-time") String storedAt,
                               @Schema(required = true) String outcomeBefore, @Schema(required = true) String outcomeAfter,
                               @Schema(required = true) boolean outcomeChanged,
                               @Schema(required = true) List<String> reasonsAdded,
                               @Schema(required = true) List<String> reasonsRemoved,
                               @Schema(required = true) List<String> citationsAdded,
                               @Schema(required = true) List<String> citationsRemoved,
                               @Schema(required = true) List<String> obligationsAdded,
                               @Schema(required = true) List<String> obligationsRemoved,
                               @Schema(required = true) List<String> missingAdded,
                               @Schema(required = true) List<String> missingRemoved) {}

    /** GET /v1/replays/{id}/report. */
    @Schema(name = "ReplayReport", description = "The replay with its changed decisions, one page")
    public static class ReplayReport extends Replay {
        @Schema(required = true) public List<ReportChange> changes;
        @Schema(required = true, nullable = true, description = "the cursor of the next page, null on the last page")
        public String next;
    }

    /** A changed decision with its diff. */
    @Schema(name = "ReplayChange")
    public record ReplayChange(@Schema(required = true) String decisionId, @Schema(required = true) String outcomeBefore,
                               @Schema(required = true) String outcomeAfter, @Schema(required = true) DecisionDiff diff) {}

    /** GET /v1/replays/{id}/changes. */
    @Schema(name = "ReplayChangePage")
    public record ReplayChangePage(@Schema(required = true) int page, @Schema(required = true) int size,
                                   @Schema(required = true) long total, @Schema(required = true) List<ReplayChange> items) {}

    /** The new result of a single replay. */
    @Schema(name = "ReplayResult")
    public record ReplayResult(@Schema(required = true) Decision.Outcome outcome, @Schema(required = true) boolean allowed,
                               @Schema(required = true) List<Decision.Reason> reasons,
                               @Schema(required = true) List<Decision.Obligation> obligations,
                               @Schema(required = true) List<Decision.Missing> missing) {}

    /** POST /v1/decisions/{id}/replay. */
    @Schema(name = "SingleReplay", description = "A stored decision re-evaluated, with the difference")
    public record SingleReplay(@Schema(required = true) String replayId, @Schema(required = true) String decisionId,
                               @Schema(required = true) String against, @Schema(required = true) Decision.RulesetRef ruleset,
                               @Schema(required = true, format = "date") String asOf,
                               @Schema(description = "against the original ruleset: whether the stored result was reproduced")
                               Boolean reproducible,
                               @Schema(required = true) ReplayResult result, @Schema(required = true) DecisionDiff diff) {}

    /** An API key as listed. */
    @Schema(name = "ApiKey", description = "An API key, never its secret")
    public record ApiKey(@Schema(required = true) String id, @Schema(required = true) String name,
                         @Schema(required = true) List<String> roles,
                         @Schema(required = true, format = "date-time") String createdAt,
                         @Schema(required = true, nullable = true, format = "date-time") String revokedAt) {}

    /** A checkpoint as listed. */
    @Schema(name = "ListedCheckpoint", description = "A trusted signed checkpoint and whether it is in the checkpoint log")
    public record ListedCheckpoint(@Schema(required = true) long treeSize, @Schema(required = true) String rootHash,
                                   @Schema(required = true) String headHash, @Schema(required = true) String signedAt,
                                   @Schema(required = true) String keyId, @Schema(required = true) String signature,
                                   @Schema(required = true) boolean inLog) {}

    /** GET /v1/audit/checkpoints. */
    @Schema(name = "CheckpointList")
    public record CheckpointList(@Schema(required = true, description = "the id of the key signing now") String keyId,
                                 @Schema(required = true) List<ListedCheckpoint> items) {}

    /** GET /v1/decisions/{id}/evidence. */
    @Schema(name = "Evidence", type = SchemaType.OBJECT, description = "One self-contained document: the stored request and "
            + "response, the record's place and hashes in the chain, a signed checkpoint covering it with its audit path, and "
            + "every file of the ruleset that decided; checked offline by bin/lexgate verify-evidence")
    public static final class Evidence {}
}
