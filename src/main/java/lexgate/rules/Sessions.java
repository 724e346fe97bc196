package lexgate.rules;

import lexgate.policy.Citation;
import lexgate.policy.PolicySet;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.ObjectFilter;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.EntryPoint;
import org.kie.api.runtime.rule.FactHandle;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run-time side of a compiled ruleset: its Drools sessions, kept warm, and each Drools rule's
 * metadata by identity.
 *
 * <p><b>Warm sessions.</b> The policy facts (purposes, countries, adequacy decisions, ages, retention
 * limits, national layers) are the same for every request of a ruleset. Instead of a new session
 * per request that inserts all of them again and rebuilds the network's memories, a session is
 * created once with the policy facts in it and then lent to one evaluation at a time: the request's
 * facts go in, the rules fire, and when the lease closes the request's facts are deleted again,
 * which withdraws every finding the rules inserted logically. The session goes back to the pool
 * only if it is exactly as it was lent:
 * <ul>
 *   <li>no rule updated or deleted a policy fact,</li>
 *   <li>the rules settled (no loop cut short, no exception),</li>
 *   <li>deleting the request's facts left no rule ready to fire and only the policy facts in
 *       working memory (a rule that inserts without {@code insertLogical} leaves a fact behind).</li>
 * </ul>
 * Otherwise it is disposed. A ruleset is served from warm sessions only if, with the policy facts
 * alone, no rule matches (so nothing is consumed that a fresh session would fire again) and every
 * rule uses the default agenda group without timers; otherwise every lease gets a fresh session,
 * as before. Either way the decision is the same: {@code WarmSessionsTest} evaluates every scenario
 * both ways, shuffled, and compares.
 */
public final class Sessions {
    private static final Logger LOG = Logger.getLogger(Sessions.class);
    /**
     * Idle warm sessions kept per ruleset; more are made under load and disposed when returned. The
     * service sets it from {@code lexgate.sessions.max-idle} ({@link #keepIdle}).
     */
    private static volatile int maxIdle = 32;

    /** Keeps at most this many idle warm sessions per ruleset (the service's {@code lexgate.sessions.max-idle}). */
    public static void keepIdle(int sessions) {
        maxIdle = sessions;
    }

    /** What an evaluation hears from its session. */
    public interface Observer {
        /** A rule (never null) inserted the fact. */
        void inserted(Object fact, Rule rule);

        /** The match is about to fire (its rule's consequence runs next, on this thread). */
        void fired(org.kie.api.runtime.rule.Match match);

        /** The fact left working memory (a rule deleted it, or the truth maintenance withdrew it). */
        void deleted(Object fact);
    }

    private final KieBase kieBase;
    private final List<Object> policyFacts;
    private final Set<Object> policyIdentity = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Rule, RuleEntry> entries = new IdentityHashMap<>();
    /** The ids of the rules with metadata, sorted and distinct: a rule's rank is the index of its id here. */
    private final List<String> idsInOrder;
    private final ConcurrentLinkedDeque<Lease> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final boolean warmable;
    private volatile Boolean reusable;

    Sessions(KieBase kieBase, PolicySet policies, Map<String, RuleMeta> rulesByQualifiedName, boolean allowReuse) {
        this.kieBase = kieBase;
        this.policyFacts = List.copyOf(policies.facts());
        this.policyIdentity.addAll(this.policyFacts);
        Map<Rule, RuleMeta> metaByRule = new IdentityHashMap<>();
        boolean plain = true;
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                RuleMeta m = rulesByQualifiedName.get(p.getName() + "." + r.getName());
                if (m != null) metaByRule.put(r, m);
                if (r instanceof RuleImpl ri && ((named(ri.getAgendaGroup()) && !"MAIN".equals(ri.getAgendaGroup()))
                        || ri.getTimer() != null || ri.isLockOnActive() || named(ri.getActivationGroup())
                        || named(ri.getRuleFlowGroup()) || ri.getAutoFocus())) {
                    plain = false;
                }
            }
        }
        this.warmable = plain;
        if (!allowReuse) reusable = false;
        this.idsInOrder = metaByRule.values().stream().map(RuleMeta::id).distinct().sorted().toList();
        Map<String, Integer> rank = new java.util.HashMap<>();
        for (int i = 0; i < idsInOrder.size(); i++) rank.put(idsInOrder.get(i), i);
        metaByRule.forEach((r, m) -> {
            List<Citation> cites = m.citations().stream().map(policies::citation).toList();
            entries.put(r, new RuleEntry(m, rank.get(m.id()), cites,
                    m.noFine() == null ? policies.fineTier(m.citations()) : null));
        });
    }

    private static boolean named(String s) {
        return s != null && !s.isEmpty();
    }

    /** The metadata of the rule, or null for a rule the ruleset does not know. */
    public RuleMeta meta(Rule rule) {
        RuleEntry e = entries.get(rule);
        return e == null ? null : e.meta();
    }

    /** The rule's metadata with what an evaluation needs of it, or null for a rule the ruleset does not know. */
    public RuleEntry entry(Rule rule) {
        return entries.get(rule);
    }

    /** The ids of the ranks set (see {@link RuleEntry#rank}), in id order. */
    public List<String> ids(BitSet ranks) {
        String[] out = new String[ranks.cardinality()];
        int n = 0;
        for (int i = ranks.nextSetBit(0); i >= 0; i = ranks.nextSetBit(i + 1)) out[n++] = idsInOrder.get(i);
        return List.of(out);
    }

    /** True when sessions are reused (decided on the first lease); null before. */
    public Boolean reused() {
        return reusable;
    }

    /** A session holding the policy facts, for one evaluation; close it when done. */
    public Lease lease(Observer observer) {
        Boolean reuse = reusable;
        if (reuse == null) reuse = probe();
        if (reuse) {
            Lease l = idle.pollFirst();
            if (l != null) {
                idleCount.decrementAndGet();
                l.observer = observer;
                return l;
            }
        }
        Lease l = new Lease(reuse);
        l.observer = observer;
        return l;
    }

    /** Idle sessions now kept (for tests and metrics). */
    public int idleSessions() {
        return idleCount.get();
    }

    private synchronized boolean probe() {
        if (reusable != null) return reusable;
        boolean ok = warmable;
        if (ok) {
            Lease l = new Lease(true);
            boolean[] offered = {false};
            try {
                l.kie.fireAllRules(m -> {
                    offered[0] = true;
                    return false;
                });
            } catch (RuntimeException e) {
                offered[0] = true;
            }
            ok = !offered[0] && !l.tainted && l.factCount() == policyFacts.size();
            if (ok) {
                idle.push(l);
                idleCount.incrementAndGet();
            } else {
                l.kie.dispose();
            }
        }
        if (!ok) LOG.infof("ruleset sessions are not reused: %s", warmable
                ? "some rule matches on policy data alone" : "some rule uses agenda groups, timers or lock-on-active");
        reusable = ok;
        return ok;
    }

    /** One session lent to one evaluation at a time. Not thread-safe. */
    public final class Lease implements AutoCloseable {
        private final KieSession kie;
        private final boolean pooled;
        private final List<FactHandle> handles = new ArrayList<>();
        private Observer observer;
        private volatile boolean tainted;

        private Lease(boolean pooled) {
            this.pooled = pooled;
            this.kie = kieBase.newKieSession();
            kie.addEventListener(new RuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    Observer o = observer;
                    if (o != null && event.getRule() != null) o.inserted(event.getObject(), event.getRule());
                }

                @Override
                public void objectUpdated(ObjectUpdatedEvent event) {
                    if (policyIdentity.contains(event.getObject()) || policyIdentity.contains(event.getOldObject())) tainted = true;
                }

                @Override
                public void objectDeleted(ObjectDeletedEvent event) {
                    if (policyIdentity.contains(event.getOldObject())) tainted = true;
                    Observer o = observer;
                    if (o != null) o.deleted(event.getOldObject());
                }
            });
            for (Object f : policyFacts) kie.insert(f);
        }

        /**
         * Stops the session from firing further rules (from another thread: the evaluation ran past
         * its budget); the session is never reused afterwards.
         */
        public void halt() {
            tainted = true;
            kie.halt();
        }

        /** Inserts one of the request's facts. */
        public void insert(Object fact) {
            try {
                handles.add(kie.insert(fact));
            } catch (RuntimeException e) {
                tainted = true;
                throw e;
            }
        }

        /**
         * Fires the rules the filter accepts, at most {@code max} times; returns the number of firings.
         * The observer hears of each match the filter accepts, which is each match that fires (no agenda
         * listener: with one, Drools makes an event object for every match created and cancelled).
         */
        public int fire(AgendaFilter filter, int max) {
            try {
                Observer o = observer;
                int n = kie.fireAllRules(match -> {
                    boolean accept = filter.accept(match);
                    if (accept && o != null) o.fired(match);
                    return accept;
                }, max);
                if (n >= max) tainted = true;
                return n;
            } catch (RuntimeException e) {
                tainted = true;
                throw e;
            }
        }

        /** The objects in working memory the filter accepts. */
        public Collection<? extends Object> objects(ObjectFilter filter) {
            return kie.getObjects(filter);
        }

        private long factCount() {
            long n = 0;
            for (EntryPoint ep : kie.getEntryPoints()) n += ep.getFactCount();
            return n;
        }

        /** Withdraws the request's facts and returns the session to the pool if it is as it was lent. */
        @Override
        public void close() {
            observer = null;
            if (!pooled || tainted) {
                kie.dispose();
                return;
            }
            try {
                for (FactHandle h : handles) kie.delete(h);
                handles.clear();
                boolean[] offered = {false};
                kie.fireAllRules(m -> {
                    offered[0] = true;
                    return false;
                });
                if (offered[0] || tainted || factCount() != policyFacts.size()) {
                    LOG.debugf("a session was not left as it was lent; disposed (offered=%s tainted=%s facts=%d)",
                            offered[0], tainted, factCount());
                    kie.dispose();
                    return;
                }
            } catch (RuntimeException e) {
                kie.dispose();
                return;
            }
            if (idleCount.incrementAndGet() <= maxIdle) {
                idle.push(this);
            } else {
                idleCount.decrementAndGet();
                kie.dispose();
            }
        }
    }
}
