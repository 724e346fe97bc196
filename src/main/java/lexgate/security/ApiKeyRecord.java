package lexgate.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An API key as stored: its sha256 hash, never the key itself. */
@Entity
@Table(name = "api_key")
public class ApiKeyRecord extends PanacheEntityBase {
    /** Key id (UUID), also the caller id "key:&lt;id&gt;". */
    @Id
    public String id;
    /** A name for people. */
    @Column(nullable = false)
    public String name;
    /** "sha256:hex" of the key. */
    @Column(name = "key_hash", nullable = false)
    public String keyHash;
    /** Comma-separated role codes. */
    @Column(nullable = false)
    public String roles;
    /** When it was created. */
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    /** When it was revoked, if it was. */
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
