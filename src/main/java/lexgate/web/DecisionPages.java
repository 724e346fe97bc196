package lexgate.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import lexgate.api.ApiSchemas;
import lexgate.api.DecisionListing;
import lexgate.audit.Checkpoints;
import lexgate.audit.EvidenceService;
import lexgate.decision.FieldError;
import lexgate.decision.InvalidRequestException;
import lexgate.api.BadRequestBodyException;
import lexgate.replay.ReplayService;
import lexgate.rules.ActiveRuleset;
import lexgate.rules.RuleMeta;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetRegistry;
import lexgate.security.SessionAuthenticated;
import lexgate.store.ChainHead;
import lexgate.store.DecisionChain;
import lexgate.store.DecisionRecord;
import lexgate.store.DecisionStore;
import lexgate.store.StorageUnavailableException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The overview, the decisions table (the search API's filters and code), one decision, its replays and evidence. */
@Path("/ui")
@SessionAuthenticated
@jakarta.annotation.security.PermitAll // the session filter guards it, not the API's bearer mechanisms
@Blocking
@Produces(MediaType.TEXT_HTML)
public class DecisionPages {
    /** The filters of GET /v1/decisions, in the order the form shows them. */
    static final List<String> FILTERS = List.of("outcome", "purpose", "rule", "citation", "operationId", "client", "storedFrom",
            "storedTo", "asOfFrom", "asOfTo");
    static final int CSV_MAX_ROWS = 100_000;
    private static final int CHART_DAYS = 14;

    @Inject
    DecisionListing listing;

    @Inject
    DecisionStore store;

    @Inject
    EvidenceService evidence;

    @Inject
    ReplayService replays;

    @Inject
    RulesetRegistry registry;

    @Inject
    ActiveRuleset active;

    @Inject
    Checkpoints checkpoints;

    @Inject
    ObjectMapper mapper;

    @Inject
    Pages pages;

    @Inject
    @Location("ui/overview.html")
    Template overview;

    @Inject
    @Location("ui/decisions.html")
    Template decisions;

    @Inject
    @Location("ui/decision.html")
    Template decision;

    @Inject
    lexgate.audit.RecordVerifier verifier;

    @GET
    @Path("/")
    public TemplateInstance overview(@Context ContainerRequestContext ctx) {
        return overview(ctx, null);
    }

    /** The overview with the whole record verified now (every hash, link, ruleset and checkpoint; as GET /v1/audit/verify). */
    @GET
    @Path("/verify")
    public TemplateInstance verify(@Context ContainerRequestContext ctx) {
        lexgate.audit.RecordVerifier.Result v;
        try {
            v = verifier.verify();
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intact", v.intact());
        m.put("verified", v.verified());
        m.put("rulesets", v.rulesetsVerified());
        m.put("problems", v.problems());
        return overview(ctx, m);
    }

    private TemplateInstance overview(ContainerRequestContext ctx, Map<String, Object> verification) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Chart.Day> days = new ArrayList<>();
        long total = 0;
        try {
            for (int i = CHART_DAYS - 1; i >= 0; i--) {
                LocalDate d = today.minusDays(i);
                Instant from = d.atStartOfDay().toInstant(ZoneOffset.UTC), to = d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                long[] n = new long[3];
                for (int k = 0; k < 3; k++) {
                    n[k] = DecisionRecord.count(
                            "outcome = ?1 and evaluatedAt >= ?2 and evaluatedAt < ?3", Chart.SERIES[k][0], from, to);
                    total += n[k];
                }
                days.add(new Chart.Day(d, n[0], n[1], n[2]));
            }
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
        // Decisions by purpose and outcome over the same days: what is being asked, and how it is answered.
        Instant since = today.minusDays(CHART_DAYS - 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<String, long[]> byPurpose = new java.util.TreeMap<>();
        try {
            List<Object[]> rows = DecisionRecord.getEntityManager().createQuery(
                    "select d.purpose, d.outcome, count(d) from DecisionRecord d where d.evaluatedAt >= ?1 group by d.purpose, d.outcome",
                    Object[].class).setParameter(1, since).getResultList();
            for (Object[] row : rows) {
                long[] n = byPurpose.computeIfAbsent(String.valueOf(row[0]), k -> new long[4]);
                int k = switch (String.valueOf(row[1])) { case "ALLOW" -> 0; case "DENY" -> 1; default -> 2; };
                n[k] += ((Number) row[2]).longValue();
                n[3] += ((Number) row[2]).longValue();
            }
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
        List<Map<String, Object>> purposes = byPurpose.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[3], a.getValue()[3])).limit(12)
                .map(e -> Map.<String, Object>of("purpose", e.getKey(), "link", "/ui/decisions?purpose="
                        + java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8), "allow", e.getValue()[0], "deny", e.getValue()[1],
                        "review", e.getValue()[2], "total", e.getValue()[3])).toList();
        Ruleset r = active.get();
        ChainHead head = ChainHead.findAll().<ChainHead>firstResultOptional().orElse(null);
        Optional<Checkpoints.Checkpoint> cp = checkpoints.latestTrusted();
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("length", head == null ? 0 : head.seq);
        chain.put("head", head == null ? DecisionChain.GENESIS : head.hash);
        chain.put("checkpoint", cp.isPresent());
        chain.put("treeSize", cp.map(Checkpoints.Checkpoint::treeSize).orElse(0L));
        chain.put("signedAt", cp.map(Checkpoints.Checkpoint::signedAt).orElse(""));
        chain.put("keyId", cp.map(Checkpoints.Checkpoint::keyId).orElse(""));
        chain.put("behind", (head == null ? 0 : head.seq) - cp.map(Checkpoints.Checkpoint::treeSize).orElse(0L));
        return Pages.frame(overview, ctx, "overview").data("chart", Chart.svg(days)).data("days", days.stream().map(d -> Map.of(
                        "day", d.day().toString(), "allow", d.allow(), "deny", d.deny(), "review", d.review())).toList())
                .data("total", total).data("ruleset", Map.of("version", r.version(), "digest", r.digest(), "loadedAt",
                        r.loadedAt().toString(), "rules", r.rules().size()))
                .data("chain", chain).data("purposes", purposes).data("verification", verification);
    }

    @GET
    @Path("/decisions")
    public TemplateInstance decisions(@Context UriInfo uri, @Context ContainerRequestContext ctx) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : FILTERS) values.put(f, q.getFirst(f) == null ? "" : q.getFirst(f));
        values.put("limit", q.getFirst("limit") == null ? "" : q.getFirst("limit"));
        List<String> problems = new ArrayList<>();
        DecisionListing.Page page = new DecisionListing.Page(List.of(), null);
        try {
            page = listing.page(q);
        } catch (InvalidRequestException e) {
            e.errors().forEach(x -> problems.add(x.field() + " " + x.message()));
        } catch (BadRequestBodyException e) {
            e.errors().forEach(x -> problems.add(x.field() + " " + x.message()));
        }
        String next = page.next() == null ? null : DecisionListing.nextLink(uri, page.next());
        // The CSV link: the same filters, in the form's order, without paging.
        StringBuilder csv = new StringBuilder("/ui/decisions.csv");
        String sep = "?";
        for (String f : FILTERS) {
            if (values.get(f).isEmpty()) continue;
            csv.append(sep).append(f).append('=').append(java.net.URLEncoder.encode(values.get(f), StandardCharsets.UTF_8));
            sep = "&";
        }
        boolean filtered = !sep.equals("?");
        List<Map<String, Object>> items = new ArrayList<>();
        for (ApiSchemas.DecisionSummary i : page.items()) {
            // A map for the template (Qute resolves no record without generated resolvers).
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("decisionId", i.decisionId());
            m.put("operationId", i.operationId());
            m.put("outcome", i.outcome().name());
            m.put("asOf", i.asOf());
            m.put("purpose", i.purpose());
            m.put("controller", i.controller());
            m.put("ruleset", Map.of("version", i.ruleset().version(), "digest", i.ruleset().digest()));
            m.put("rulesShown", i.rules().subList(0, Math.min(4, i.rules().size())));
            m.put("rulesMore", Math.max(0, i.rules().size() - 4));
            m.put("stored", when(i.evaluatedAt()));
            items.add(m);
        }
        return Pages.frame(decisions, ctx, "decisions").data("items", items).data("next", next).data("f", values)
                .data("problems", problems).data("csv", csv.toString()).data("filtered", filtered);
    }

    /** Every decision the filters select as one CSV (the search API's columns), page after page, at most {@link #CSV_MAX_ROWS}. */
    @GET
    @Path("/decisions.csv")
    @Produces("text/csv")
    public Response csv(@Context UriInfo uri) {
        MultivaluedMap<String, String> q = new MultivaluedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> { if (FILTERS.contains(k)) q.put(k, v); });
        q.putSingle("limit", Integer.toString(DecisionListing.MAX_LIMIT));
        DecisionListing.Page first = listing.page(q); // a bad filter is a page, before the download starts
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            DecisionListing.Page page = first;
            int rows = 0;
            boolean header = true;
            while (true) {
                String chunk = DecisionListing.csv(DecisionListing.CSV_HEADER, DecisionListing.csvRows(page));
                if (!header) chunk = chunk.substring(chunk.indexOf("\r\n") + 2);
                w.write(chunk);
                header = false;
                rows += page.items().size();
                if (page.next() == null || rows >= CSV_MAX_ROWS) break;
                q.putSingle("cursor", page.next());
                page = listing.page(q);
            }
            w.flush();
        };
        return Response.ok(body).type("text/csv; charset=UTF-8; header=present")
                .header("Content-Disposition", "attachment; filename=\"decisions.csv\"").build();
    }

    @GET
    @Path("/decisions/{id}")
    public TemplateInstance decision(@PathParam("id") String id, @Context ContainerRequestContext ctx) {
        return decisionPage(id, ctx, null, null);
    }

    /** Replays the decision against its original ruleset, the active one, or a stored digest, and shows both side by side. */
    @POST
    @Path("/decisions/{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance replay(@PathParam("id") String id, @FormParam("against") String against, @FormParam("digest") String digest,
                                   @FormParam("csrf") String csrf, @Context ContainerRequestContext ctx) {
        Pages.checkCsrf(ctx, csrf);
        String mode = "digest".equals(against) ? (digest == null ? "" : digest.trim()) : against;
        if (mode == null || mode.isBlank()) {
            throw new InvalidRequestException(List.of(new FieldError("digest", "give the digest of a stored ruleset (sha256:...)")));
        }
        ReplayService.Result r = replays.replay(id, mode, null);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("against", r.against());
        view.put("version", r.ruleset().get("version"));
        view.put("digest", r.ruleset().get("digest"));
        view.put("reproducible", r.reproducible());
        view.put("outcome", r.outcome().after().outcome().name());
        view.put("reasons", convertList(r.outcome().after().reasons()));
        view.put("obligations", convertList(r.outcome().after().obligations()));
        view.put("missing", convertList(r.outcome().after().missing()));
        view.put("diff", mapper.convertValue(r.outcome().diff(), new TypeReference<Map<String, Object>>() {}));
        view.put("changed", r.outcome().diff().changed());
        view.put("reasonsAdded", r.outcome().diff().reasonsAdded().stream().map(x -> x.rule()).distinct().toList());
        view.put("reasonsRemoved", r.outcome().diff().reasonsRemoved().stream().map(x -> x.rule()).distinct().toList());
        return decisionPage(id, ctx, view, against);
    }

    @GET
    @Path("/decisions/{id}/evidence")
    @Produces(MediaType.APPLICATION_JSON)
    public Response evidence(@PathParam("id") String id) {
        var doc = evidence.evidence(id);
        if (doc.isEmpty()) throw new PageException(404, "Not found", "There is no decision " + id + ".");
        return Response.ok(doc.get().toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"evidence-" + id + ".json\"").build();
    }

    private List<Map<String, Object>> convertList(Object o) {
        return mapper.convertValue(o, new TypeReference<List<Map<String, Object>>>() {});
    }

    private TemplateInstance decisionPage(String id, ContainerRequestContext ctx, Map<String, Object> replay, String replayMode) {
        DecisionRecord rec;
        try {
            rec = store.find(id).orElse(null);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
        if (rec == null) throw new PageException(404, "Not found", "There is no decision " + id + ".");
        Map<String, Object> response;
        String requestPretty;
        try {
            response = mapper.readValue(rec.responseJson, new TypeReference<Map<String, Object>>() {});
            requestPretty = mapper.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(mapper.readTree(rec.requestJson));
        } catch (Exception e) {
            throw new IllegalStateException("stored decision " + id + " cannot be read", e);
        }
        // The quoted provisions come from the ruleset that made the decision.
        Map<String, List<Map<String, Object>>> quotes = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        boolean rulesetAvailable;
        try {
            Optional<Ruleset> made = registry.get(rec.rulesetDigest);
            rulesetAvailable = made.isPresent();
            made.ifPresent(rs -> {
                for (RuleMeta m : rs.rules()) {
                    titles.put(m.id(), m.title());
                    quotes.put(m.id(), m.quotes().stream().map(qt -> {
                        Map<String, Object> x = new LinkedHashMap<>();
                        x.put("cite", qt.cite());
                        x.put("lang", qt.lang());
                        x.put("text", qt.text());
                        x.put("en", qt.en() == null ? "" : qt.en());
                        return x;
                    }).toList());
                }
            });
        } catch (RuntimeException e) {
            rulesetAvailable = false;
        }
        List<Map<String, Object>> reasons = new ArrayList<>();
        for (Object o : listOf(response.get("reasons"))) {
            @SuppressWarnings("unchecked") Map<String, Object> r = new LinkedHashMap<>((Map<String, Object>) o);
            String rule = String.valueOf(r.get("rule"));
            r.put("title", titles.getOrDefault(rule, ""));
            r.put("quotes", quotes.getOrDefault(rule, List.of()));
            r.putIfAbsent("citations", List.of());
            r.putIfAbsent("explanation", "");
            r.putIfAbsent("fineTier", null);
            reasons.add(r);
        }
        List<Map<String, Object>> obligations = new ArrayList<>();
        for (Object o : listOf(response.get("obligations"))) {
            @SuppressWarnings("unchecked") Map<String, Object> r = new LinkedHashMap<>((Map<String, Object>) o);
            r.putIfAbsent("citations", List.of());
            r.putIfAbsent("explanation", "");
            obligations.add(r);
        }
        // The record's place in the chain: its hash recomputes, it links to the record before it, a signed checkpoint covers it.
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("seq", rec.seq);
        chain.put("hash", rec.hash);
        chain.put("prevHash", rec.prevHash);
        boolean hashOk = DecisionChain.hash(rec, rec.prevHash).equals(rec.hash);
        boolean linkOk;
        if (rec.seq <= 1) {
            linkOk = DecisionChain.GENESIS.equals(rec.prevHash);
        } else {
            DecisionRecord prev = DecisionRecord.<DecisionRecord>find("seq", rec.seq - 1).firstResult();
            linkOk = prev != null && rec.prevHash.equals(prev.hash);
        }
        Optional<Checkpoints.Checkpoint> cp = checkpoints.latestTrusted();
        chain.put("hashOk", hashOk);
        chain.put("linkOk", linkOk);
        chain.put("checkpointed", cp.isPresent() && cp.get().treeSize() >= rec.seq);
        chain.put("checkpointSize", cp.map(Checkpoints.Checkpoint::treeSize).orElse(0L));
        chain.put("checkpointAt", cp.map(Checkpoints.Checkpoint::signedAt).orElse(""));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", rec.id);
        d.put("outcome", rec.outcome);
        d.put("operationId", rec.operationId);
        d.put("purpose", rec.purpose);
        d.put("asOf", rec.asOf.toString());
        d.put("evaluatedAt", rec.evaluatedAt.toString());
        d.put("client", rec.client);
        d.put("rulesetVersion", rec.rulesetVersion);
        d.put("rulesetDigest", rec.rulesetDigest);
        d.put("rulesetAvailable", rulesetAvailable);
        d.put("language", response.getOrDefault("language", "en"));
        d.put("missing", listOf(response.get("missing")));
        d.put("exposure", response.get("exposure"));
        return Pages.frame(decision, ctx, "decisions").data("d", d).data("reasons", reasons).data("obligations", obligations)
                .data("request", requestPretty).data("chain", chain).data("replay", replay)
                .data("replayMode", replayMode == null ? "" : replayMode).data("activeDigest", active.get().digest());
    }

    /** An ISO instant as a reviewer reads it: "2026-11-28 14:02:11 UTC". */
    static String when(String instant) {
        if (instant == null || instant.length() < 19 || instant.charAt(10) != 'T') return instant;
        return instant.substring(0, 10) + " " + instant.substring(11, 19) + " UTC";
    }

    private static List<?> listOf(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    @ServerExceptionMapper
    public Response map(RuntimeException e, ContainerRequestContext ctx) {
        return pages.error(e, ctx);
    }
}
