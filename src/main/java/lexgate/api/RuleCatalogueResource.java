package lexgate.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import lexgate.policy.Citation;
import lexgate.rules.ActiveRuleset;
import lexgate.rules.RuleMeta;
import lexgate.rules.Ruleset;
import lexgate.scenario.Coverage;
import lexgate.scenario.ScenarioGate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code GET /v1/rules}: the catalogue legal teams browse, filtered by jurisdiction and citation. */
@Path("/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rules")
@SecurityRequirement(name = ApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class RuleCatalogueResource {

    @Inject
    ActiveRuleset active;

    @Inject
    ScenarioGate gate;

    /**
     * Every active rule with id, title, citations (label and URL), jurisdiction, dates in force, file
     * and line, and the scenarios that exercise it. {@code jurisdiction} filters exactly ("FR");
     * {@code citation} by id prefix ("eu-gdpr:A6" matches eu-gdpr:A6-1-f).
     */
    @Operation(operationId = "listRules", summary = "The rule catalogue",
            description = "Every active rule with title, citations (label and URL), jurisdiction, dates in force, file and line, and the scenarios that exercise it. jurisdiction filters exactly (FR); citation by id prefix (eu-gdpr:A6 matches eu-gdpr:A6-1-f). Roles decide, review or author.")
    @APIResponse(responseCode = "200", description = "The active rules, filtered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.RuleCatalogue.class)))
    @jakarta.annotation.security.RolesAllowed({"decide", "review", "author"})
    @GET
    public Map<String, Object> catalogue(@QueryParam("jurisdiction") String jurisdiction,
                                         @QueryParam("citation") String citation) {
        Ruleset r = active.get();
        Coverage c = gate.coverage(r.digest());
        List<Map<String, Object>> rules = r.rules().stream()
                .filter(m -> jurisdiction == null || jurisdiction.isBlank() || jurisdiction.equals(m.jurisdiction()))
                .filter(m -> citation == null || citation.isBlank()
                        || m.citations().stream().anyMatch(id -> id.equals(citation) || id.startsWith(citation + "-")))
                .map(m -> entry(r, m, c)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ruleset", Map.of("version", r.version(), "digest", r.digest()));
        out.put("count", rules.size());
        out.put("rules", rules);
        return out;
    }

    private static Map<String, Object> entry(Ruleset r, RuleMeta m, Coverage c) {
        Map<String, Object> e = RulesetResource.rule(m);
        e.put("citations", m.citations().stream().map(id -> {
            Citation ct = r.policies().citation(id);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", ct.id());
            x.put("label", ct.label());
            x.put("url", ct.url());
            return x;
        }).toList());
        e.put("scenarios", c == null ? List.of() : List.copyOf(c.fires().getOrDefault(m.id(), new TreeSet<>())));
        return e;
    }
}
