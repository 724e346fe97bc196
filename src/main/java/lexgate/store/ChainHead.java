package lexgate.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last link of the decision hash chain; locked while a decision is appended. */
@Entity
@Table(name = "chain_head")
public class ChainHead extends PanacheEntityBase {
    /** Always 1. */
    @Id
    public Integer id;
    /** The seq of the last decision. */
    @Column(nullable = false)
    public long seq;
    /** The hash of the last decision. */
    @Column(nullable = false)
    public String hash;
}
