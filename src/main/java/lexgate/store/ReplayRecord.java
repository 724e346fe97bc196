package lexgate.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A replay of one decision or an impact analysis over many, with its progress and flip counts. */
@Entity
@Table(name = "replay")
public class ReplayRecord extends PanacheEntityBase {
    /** Replay id (UUID). */
    @Id
    public String id;
    /** "single" or "impact". */
    @Column(nullable = false)
    public String kind;
    /** When it was asked for. */
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    /** When it finished, if it has. */
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** queued, running, done, failed, interrupted. */
    @Column(nullable = false)
    public String status;
    /** The ruleset replayed against. */
    @Column(name = "target_digest", nullable = false)
    public String targetDigest;
    /** The filter (impact) or the replay options (single), JSON. */
    @Column(name = "filter_json", nullable = false)
    public String filterJson;
    /** Decisions selected. */
    @Column(nullable = false)
    public long total;
    /** Decisions replayed so far. */
    @Column(nullable = false)
    public long processed;
    /** Decisions whose result changed. */
    @Column(nullable = false)
    public long changed;
    /** Decisions that could not be replayed (e.g. a request the target ruleset rejects). */
    @Column(nullable = false)
    public long failed;
    /** Outcome flips, JSON object such as {"ALLOW->DENY": 3}. */
    @Column(name = "flips_json", nullable = false)
    public String flipsJson;
    /** Why the job failed, if it did. */
    @Column
    public String error;
    /** Who started it ("key:&lt;id&gt;", "jwt:&lt;sub&gt;", "anonymous"); null for replays made before this was kept. */
    @Column(name = "created_by")
    public String createdBy;
    /** What "before" is: "stored" (each decision's stored result) or "active" (the ruleset active at the start); null means stored. */
    @Column
    public String baseline;
    /** The digest of the baseline ruleset when {@code baseline} is "active". */
    @Column(name = "baseline_digest")
    public String baselineDigest;
}
