package lexgate.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A ruleset as first loaded: every rule and policy file with its content, immutable. */
@Entity
@Table(name = "ruleset")
public class RulesetRecord extends PanacheEntityBase {
    /** "sha256:..." over the sorted paths and contents. */
    @Id
    public String digest;
    /** The version label from rules/VERSION. */
    @Column(nullable = false)
    public String version;
    /** When this service first loaded it. */
    @Column(name = "first_loaded_at", nullable = false)
    public Instant firstLoadedAt;
    /** "active" when it served decisions, "candidate" when compiled only for an impact analysis. */
    @Column(nullable = false)
    public String kind;
    /** Number of rules. */
    @Column(name = "rule_count", nullable = false)
    public int ruleCount;
    /** JSON array of {path, content}. */
    @Column(name = "files_json", nullable = false)
    public String filesJson;
}
