package lexgate.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** One decision whose result changed in a replay, with the structured diff. */
@Entity
@Table(name = "replay_change")
@IdClass(ReplayChangeRecord.Key.class)
public class ReplayChangeRecord extends PanacheEntityBase {
    /** The replay. */
    @Id
    @Column(name = "replay_id")
    public String replayId;
    /** The decision. */
    @Id
    @Column(name = "decision_id")
    public String decisionId;
    /** Outcome as stored. */
    @Column(name = "outcome_before", nullable = false)
    public String outcomeBefore;
    /** Outcome on replay. */
    @Column(name = "outcome_after", nullable = false)
    public String outcomeAfter;
    /** The diff, JSON. */
    @Column(name = "diff_json", nullable = false)
    public String diffJson;

    /** Composite key. */
    public static class Key implements Serializable {
        /** Replay id. */
        public String replayId;
        /** Decision id. */
        public String decisionId;

        @Override public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.replayId, replayId) && Objects.equals(k.decisionId, decisionId);
        }
        @Override public int hashCode() { return Objects.hash(replayId, decisionId); }
    }
}
