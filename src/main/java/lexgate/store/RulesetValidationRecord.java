package lexgate.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One validation of a stored ruleset: when, by whom, whether it passed, and its summary. */
@Entity
@Table(name = "ruleset_validation")
public class RulesetValidationRecord extends PanacheEntityBase {
    /** A UUID. */
    @Id
    public String id;
    /** The ruleset validated. */
    @Column(nullable = false)
    public String digest;
    /** When. */
    @Column(name = "validated_at", nullable = false)
    public Instant validatedAt;
    /** Who: "key:&lt;id&gt;", "jwt:&lt;sub&gt;", or "service" at start and on reload. */
    @Column(name = "validated_by", nullable = false)
    public String validatedBy;
    /** True when every wall passed, every rule was reached and every scenario passed. */
    @Column(nullable = false)
    public boolean valid;
    /** {"rules": n, "scenariosPassed": n, "scenariosFailed": n, "problems": n}. */
    @Column(name = "summary_json", nullable = false)
    public String summaryJson;
}
