package lexgate.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import lexgate.rules.ActiveRuleset;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetRegistry;
import lexgate.store.DecisionRecord;
import lexgate.store.ReplayChangeRecord;
import lexgate.store.ReplayRecord;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/** Replays one stored decision against its original ruleset, the active one, or a stored digest. */
@ApplicationScoped
public class ReplayService {
    private static final Logger LOG = Logger.getLogger(ReplayService.class);

    @Inject
    ActiveRuleset active;

    @Inject
    RulesetRegistry registry;

    @Inject
    ObjectMapper mapper;

    /** The answer to a single replay. */
    public record Result(String replayId, String decisionId, String against, Map<String, String> ruleset,
                         String asOf, Boolean reproducible, Replays.Outcome outcome) {}

    /** Resolves "original", "active" or a digest to a compiled ruleset. */
    public Ruleset resolve(String against, String originalDigest) {
        String which = against == null || against.isBlank() ? "original" : against;
        return switch (which) {
            case "original" -> registry.get(originalDigest)
                    .orElseThrow(() -> new ReplayException(404, "the original ruleset " + originalDigest + " is not stored"));
            case "active" -> active.get();
            default -> {
                if (!which.startsWith("sha256:")) {
                    throw new ReplayException(422, "against must be 'original', 'active' or a ruleset digest 'sha256:...'");
                }
                yield registry.get(which).orElseThrow(() -> new ReplayException(404, "no stored ruleset " + which));
            }
        };
    }

    /** Replays one decision and stores the replay (and the change, if any). */
    public Result replay(String decisionId, String against, String asOf) {
        if (asOf != null) {
            try {
                LocalDate.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new ReplayException(422, "asOf must be an ISO date (YYYY-MM-DD)");
            }
        }
        DecisionRecord rec = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.<DecisionRecord>findById(decisionId));
        if (rec == null) throw new ReplayException(404, "no decision with id " + decisionId);
        String mode = against == null || against.isBlank() ? "original" : against;
        Ruleset target = resolve(mode, rec.rulesetDigest);
        Replays.Outcome o = Replays.replay(mapper, rec, target, asOf);
        boolean sameRulesAndDay = target.digest().equals(rec.rulesetDigest) && (asOf == null || asOf.equals(rec.asOf.toString()));
        Boolean reproducible = mode.equals("original") || sameRulesAndDay ? !o.diff().changed() : null;
        if (Boolean.FALSE.equals(reproducible)) {
            LOG.errorf("REPRODUCIBILITY FAILURE: decision %s differs when replayed on its own ruleset %s", decisionId, target.digest());
        }
        String id = UUID.randomUUID().toString();
        String filter;
        String diff;
        try {
            filter = mapper.writeValueAsString(Map.of("decisionId", decisionId, "against", mode, "asOf", o.asOf()));
            diff = mapper.writeValueAsString(o.diff());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            ReplayRecord r = new ReplayRecord();
            r.id = id;
            r.kind = "single";
            r.createdAt = Instant.now();
            r.finishedAt = r.createdAt;
            r.status = "done";
            r.targetDigest = target.digest();
            r.filterJson = filter;
            r.total = 1;
            r.processed = 1;
            r.changed = o.diff().changed() ? 1 : 0;
            r.failed = 0;
            r.flipsJson = "{\"" + o.diff().flip() + "\":1}";
            r.persist();
            if (o.diff().changed()) {
                ReplayChangeRecord c = new ReplayChangeRecord();
                c.replayId = id;
                c.decisionId = decisionId;
                c.outcomeBefore = o.diff().outcomeBefore();
                c.outcomeAfter = o.diff().outcomeAfter();
                c.diffJson = diff;
                c.persist();
            }
        });
        return new Result(id, decisionId, mode, Map.of("version", target.version(), "digest", target.digest()), o.asOf(),
                reproducible, o);
    }
}
