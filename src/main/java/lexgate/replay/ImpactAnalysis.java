package lexgate.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import lexgate.decision.LiveTraffic;
import lexgate.rules.ActiveRuleset;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetException;
import lexgate.rules.RulesetRegistry;
import lexgate.store.DecisionRecord;
import lexgate.store.ReplayChangeRecord;
import lexgate.store.ReplayRecord;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Impact analysis: replays the stored decisions a filter selects against a target ruleset, as a
 * background job, and stores the flip counts and every changed decision with its diff.
 *
 * <p>Bounds: decisions read in keyset-paged batches of {@code lexgate.replay.batch-size} (memory does
 * not grow with the number of stored decisions; only changed decisions are kept, in the database).
 * While the service is idle ({@link LiveTraffic}: no live decision for 250 ms) a batch is replayed
 * on {@code lexgate.replay.threads} threads (default: every core); while live decisions come, on
 * one thread with a duty cycle {@code lexgate.replay.duty-cycle}: after a batch that took t, the
 * job rests t*(1-d)/d, so it uses at most that share of one core and live decisions keep the rest.
 * The choice is made again before every batch.
 */
@ApplicationScoped
public class ImpactAnalysis {
    private static final Logger LOG = Logger.getLogger(ImpactAnalysis.class);

    @Inject
    ActiveRuleset active;

    @Inject
    RulesetRegistry registry;

    @Inject
    ReplayService replays;

    @Inject
    ObjectMapper mapper;

    @Inject
    lexgate.config.LexgateConfig config;

    @Inject
    LiveTraffic traffic;

    private ExecutorService worker;
    /** Replays the parts of a batch while the service is idle (the job's own thread does one part). */
    private ExecutorService helpers;
    private int parallelism;

    /**
     * Which stored decisions to replay; every part is optional. {@code storedFrom}/{@code storedTo}
     * filter the time a decision was stored (an instant, or a date: from its start / to its end, UTC);
     * {@code from}/{@code to} are their older names and still work. {@code asOfFrom}/{@code asOfTo}
     * filter the decision's asOf (ISO dates, both inclusive).
     */
    public record Filter(String from, String to, List<String> purposes, List<String> outcomes, String storedFrom,
                         String storedTo, String asOfFrom, String asOfTo) {
        /** The older four-part filter (storage time as from/to). */
        public Filter(String from, String to, List<String> purposes, List<String> outcomes) {
            this(from, to, purposes, outcomes, null, null, null, null);
        }
    }

    /** What a change is measured from: each decision's stored result, or the ruleset active now. */
    public enum Baseline {
        /** The result stored with each decision. */
        STORED,
        /** The active ruleset's answer, today, to each stored request. */
        ACTIVE;

        /** "stored" or "active". */
        public String code() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    void onStart(@Observes StartupEvent event) {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lexgate-impact");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        int threads = config.replay().threads();
        parallelism = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        helpers = Executors.newFixedThreadPool(Math.max(1, parallelism - 1), r -> {
            Thread t = new Thread(r, "lexgate-impact-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        try {
            QuarkusTransaction.requiringNew().run(() -> ReplayRecord.update(
                    "status = 'interrupted', finishedAt = ?1 where status in ('queued', 'running')", Instant.now()));
        } catch (RuntimeException e) {
            LOG.warn("could not mark unfinished impact analyses as interrupted (storage unavailable)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (worker != null) worker.shutdownNow();
        if (helpers != null) helpers.shutdownNow();
    }

    /** Queues an analysis against the stored results, started by nobody known (kept for callers of the first API). */
    public ReplayRecord start(String target, Filter filter) {
        return start(target, filter, null, "anonymous");
    }

    /**
     * Queues an analysis; target is "candidate" (rules on disk, not activated), "active" or a digest;
     * baseline "stored" (default) or "active"; {@code by} is who asked.
     */
    public ReplayRecord start(String target, Filter filter, String baseline, String by) {
        if (target == null || target.isBlank()) throw new ReplayException(422, "target is required: 'candidate', 'active' or a ruleset digest");
        Baseline base;
        if (baseline == null || baseline.isBlank() || baseline.equals("stored")) base = Baseline.STORED;
        else if (baseline.equals("active")) base = Baseline.ACTIVE;
        else throw new ReplayException(422, "baseline must be 'stored' (each decision's stored result) or 'active' (the active ruleset)");
        Ruleset ruleset;
        if (target.equals("candidate")) {
            try {
                ruleset = active.candidate();
            } catch (RulesetException e) {
                throw new ReplayException(422, "the rules on disk do not compile: " + String.join("; ", e.problems()));
            }
            registry.remember(ruleset);
        } else if (target.equals("original")) {
            throw new ReplayException(422, "target must be 'candidate', 'active' or 'sha256:...'");
        } else {
            ruleset = replays.resolve(target, null);
        }
        Ruleset baselineRules = base == Baseline.ACTIVE ? active.get() : null;
        Filter g = filter == null ? new Filter(null, null, null, null) : filter;
        String sf = pick(g.storedFrom(), g.from(), "filter.storedFrom", "filter.from");
        String st = pick(g.storedTo(), g.to(), "filter.storedTo", "filter.to");
        // Stored with both names, so that readers of either find it.
        Filter f = new Filter(sf, st, g.purposes(), g.outcomes(), sf, st, g.asOfFrom(), g.asOfTo());
        Instant from = instant(sf, g.storedFrom() != null ? "filter.storedFrom" : "filter.from", false);
        Instant to = instant(st, g.storedTo() != null ? "filter.storedTo" : "filter.to", true);
        LocalDate asOfFrom = date(f.asOfFrom(), "filter.asOfFrom");
        LocalDate asOfTo = date(f.asOfTo(), "filter.asOfTo");
        ReplayRecord r = new ReplayRecord();
        r.id = UUID.randomUUID().toString();
        r.kind = "impact";
        r.createdAt = Instant.now();
        r.status = "queued";
        r.targetDigest = ruleset.digest();
        r.createdBy = by;
        r.baseline = base.code();
        r.baselineDigest = baselineRules == null ? null : baselineRules.digest();
        try {
            r.filterJson = mapper.writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        r.flipsJson = "{}";
        // The analysis covers the decisions stored when it was asked for, not those stored while it
        // runs: the chain's last sequence number now bounds its count and its pages (before
        // 2026-12-06 the pages took later ones too, and processed could pass total).
        long lastSeq = QuarkusTransaction.requiringNew().call(() -> {
            r.persist();
            Long last = DecisionRecord.getEntityManager()
                    .createQuery("select max(d.seq) from DecisionRecord d", Long.class).getSingleResult();
            return last == null ? 0L : last;
        });
        Ruleset chosen = ruleset;
        worker.submit(() -> run(r.id, chosen, baselineRules, f, from, to, asOfFrom, asOfTo, lastSeq));
        return r;
    }

    /** The new name's value, else the old name's; both given and different is a 422. */
    private static String pick(String newer, String older, String newerName, String olderName) {
        if (newer != null && older != null && !newer.equals(older)) {
            throw new ReplayException(422, newerName + " and " + olderName + " are the same filter under two names; give one");
        }
        return newer != null ? newer : older;
    }

    private static LocalDate date(String s, String field) {
        if (s == null || s.isBlank()) return null;
        try {
            return LocalDate.parse(s);
        } catch (RuntimeException e) {
            throw new ReplayException(422, field + " must be an ISO date (YYYY-MM-DD)");
        }
    }

    private static Instant instant(String s, String field, boolean endOfDay) {
        if (s == null || s.isBlank()) return null;
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(s);
        } catch (RuntimeException e) {
            throw new ReplayException(422, field + " must be an ISO date or date-time");
        }
    }

    private void run(String id, Ruleset target, Ruleset baseline, Filter f, Instant from, Instant to, LocalDate asOfFrom,
                     LocalDate asOfTo, long lastSeq) {
        try {
            StringBuilder where = new StringBuilder("1 = 1");
            Map<String, Object> params = new HashMap<>();
            if (from != null) { where.append(" and evaluatedAt >= :from"); params.put("from", from); }
            if (to != null) { where.append(" and evaluatedAt < :to"); params.put("to", to); }
            if (asOfFrom != null) { where.append(" and asOf >= :asOfFrom"); params.put("asOfFrom", asOfFrom); }
            if (asOfTo != null) { where.append(" and asOf <= :asOfTo"); params.put("asOfTo", asOfTo); }
            if (f.purposes() != null && !f.purposes().isEmpty()) { where.append(" and purpose in :purposes"); params.put("purposes", f.purposes()); }
            if (f.outcomes() != null && !f.outcomes().isEmpty()) { where.append(" and outcome in :outcomes"); params.put("outcomes", f.outcomes()); }
            where.append(" and seq <= :lastSeq");
            params.put("lastSeq", lastSeq);
            long total = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.count(where.toString(), params));
            update(id, r -> { r.status = "running"; r.total = total; });
            Map<String, Long> flips = new TreeMap<>();
            long processed = 0, changed = 0, failed = 0;
            Instant lastAt = null;
            String lastId = null;
            while (!Thread.currentThread().isInterrupted()) {
                long started = System.nanoTime();
                // The keyset as a range the index on (evaluated_at, id) can seek to, and a filter that
                // drops only the rows of lastAt already read. Written as "evaluatedAt > :lastAt or
                // (evaluatedAt = :lastAt and id > :lastId)" (until 2026-12-06), neither PostgreSQL nor
                // H2 could seek: every batch scanned the index from the first row, so each cost more
                // than the one before (597 ms for a batch of 500 after 250,000 rows on PostgreSQL,
                // against 2 ms now: EXPLAIN ANALYZE, bench/README).
                String q = where + (lastAt == null ? "" : " and evaluatedAt >= :lastAt and (evaluatedAt > :lastAt or id > :lastId)")
                        + " order by evaluatedAt, id";
                Map<String, Object> p = new HashMap<>(params);
                if (lastAt != null) { p.put("lastAt", lastAt); p.put("lastId", lastId); }
                List<DecisionRecord> batch = QuarkusTransaction.requiringNew().call(
                        () -> DecisionRecord.<DecisionRecord>find(q, p).page(0, config.replay().batchSize()).list());
                if (batch.isEmpty()) break;
                boolean live = traffic.busy();
                List<Replayed> results = replayAll(id, batch, target, baseline, live ? 1 : parallelism);
                List<ReplayChangeRecord> changes = new ArrayList<>();
                for (Replayed r : results) {
                    if (r.flip() == null) {
                        failed++;
                        continue;
                    }
                    flips.merge(r.flip(), 1L, Long::sum);
                    if (r.change() != null) changes.add(r.change());
                }
                processed += batch.size();
                changed += changes.size();
                DecisionRecord last = batch.get(batch.size() - 1);
                lastAt = last.evaluatedAt;
                lastId = last.id;
                long p1 = processed, c1 = changed, f1 = failed;
                String flipsJson = mapper.writeValueAsString(flips);
                QuarkusTransaction.requiringNew().run(() -> {
                    changes.forEach(c -> c.persist());
                    ReplayRecord r = ReplayRecord.findById(id);
                    r.processed = p1;
                    r.changed = c1;
                    r.failed = f1;
                    r.flipsJson = flipsJson;
                });
                if (live) rest(System.nanoTime() - started);
            }
            update(id, r -> { r.status = Thread.currentThread().isInterrupted() ? "interrupted" : "done"; r.finishedAt = Instant.now(); });
        } catch (Exception e) {
            LOG.error("impact analysis " + id + " failed", e);
            update(id, r -> { r.status = "failed"; r.error = "the analysis stopped on an internal error; see the service log"; r.finishedAt = Instant.now(); });
        }
    }

    /** One stored decision replayed: its flip ("ALLOW->DENY"), its change record if it changed; a null flip when it failed. */
    private record Replayed(String flip, ReplayChangeRecord change) {}

    /**
     * Replays a batch on {@code parts} threads (this one and the helpers), each a contiguous part;
     * the results come back in the batch's order, so the stored changes do not depend on scheduling.
     */
    private List<Replayed> replayAll(String id, List<DecisionRecord> batch, Ruleset target, Ruleset baseline, int parts)
            throws Exception {
        int n = Math.max(1, Math.min(parts, batch.size() / 50 + 1)); // small batches are not worth a hand-off
        if (n == 1) return replayPart(id, batch, target, baseline);
        int size = (batch.size() + n - 1) / n;
        List<java.util.concurrent.Future<List<Replayed>>> others = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            List<DecisionRecord> part = batch.subList(Math.min(i * size, batch.size()), Math.min((i + 1) * size, batch.size()));
            others.add(helpers.submit(() -> replayPart(id, part, target, baseline)));
        }
        List<Replayed> out = new ArrayList<>(replayPart(id, batch.subList(0, Math.min(size, batch.size())), target, baseline));
        for (var f : others) {
            try {
                out.addAll(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
        return out;
    }

    /**
     * Replays a part in order, one replay ahead: the next stored decision is read, validated and
     * handed to the evaluation pool before this one's answer is waited for ({@link Replays#start}).
     */
    private List<Replayed> replayPart(String id, List<DecisionRecord> part, Ruleset target, Ruleset baseline)
            throws JsonProcessingException {
        List<Replayed> out = new ArrayList<>(part.size());
        java.util.ArrayDeque<Started> ahead = new java.util.ArrayDeque<>(2);
        for (DecisionRecord d : part) {
            Replays.Pending p;
            try {
                p = Replays.start(mapper, d, baseline, target);
            } catch (ReplayException e) {
                p = null;
            }
            ahead.add(new Started(d, p));
            if (ahead.size() > 1) out.add(finish(id, ahead.poll()));
        }
        while (!ahead.isEmpty()) out.add(finish(id, ahead.poll()));
        return out;
    }

    /** A stored decision whose replay has started; a null replay when its request could not be replayed. */
    private record Started(DecisionRecord decision, Replays.Pending replay) {}

    private Replayed finish(String id, Started s) throws JsonProcessingException {
        if (s.replay() == null) return new Replayed(null, null);
        Replays.Outcome o = s.replay().outcome();
        ReplayChangeRecord c = null;
        if (o.diff().changed()) {
            c = new ReplayChangeRecord();
            c.replayId = id;
            c.decisionId = s.decision().id;
            c.outcomeBefore = o.diff().outcomeBefore();
            c.outcomeAfter = o.diff().outcomeAfter();
            c.diffJson = mapper.writeValueAsString(o.diff());
        }
        return new Replayed(o.diff().flip(), c);
    }

    private void rest(long busyNanos) {
        double dutyCycle = config.replay().dutyCycle();
        if (dutyCycle >= 1.0) return;
        long restNanos = (long) (busyNanos * (1 - dutyCycle) / Math.max(dutyCycle, 0.05));
        try {
            TimeUnit.NANOSECONDS.sleep(restNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Change { void apply(ReplayRecord r); }

    private void update(String id, Change change) {
        try {
            QuarkusTransaction.requiringNew().run(() -> change.apply(ReplayRecord.findById(id)));
        } catch (RuntimeException e) {
            LOG.warnf("impact analysis %s: progress not recorded (%s)", id, e.getClass().getSimpleName());
        }
    }
}
