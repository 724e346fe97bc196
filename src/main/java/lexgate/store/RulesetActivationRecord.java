package lexgate.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One activation of a ruleset: which digest began to serve, when, by whom, how, and what it replaced. */
@Entity
@Table(name = "ruleset_activation")
public class RulesetActivationRecord extends PanacheEntityBase {
    /** A UUID. */
    @Id
    public String id;
    /** Order of activations, 1, 2, 3, ... */
    @Column(nullable = false)
    public long seq;
    /** The ruleset that began to serve. */
    @Column(nullable = false)
    public String digest;
    /** When. */
    @Column(name = "activated_at", nullable = false)
    public Instant activatedAt;
    /** Who: "key:&lt;id&gt;", "jwt:&lt;sub&gt;", or "service" at start. */
    @Column(name = "activated_by", nullable = false)
    public String activatedBy;
    /** "startup", "reload" or "activate" (by digest, which is also how a rollback is made). */
    @Column(nullable = false)
    public String via;
    /** The ruleset that served before, if any. */
    @Column(name = "previous_digest")
    public String previousDigest;
}
