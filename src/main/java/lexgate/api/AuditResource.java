package lexgate.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import lexgate.audit.Checkpoints;
import lexgate.audit.RecordVerifier;
import lexgate.audit.SigningKeys;
import lexgate.security.Allowed;
import lexgate.security.Role;
import lexgate.store.StorageUnavailableException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record's own proof: {@code GET /v1/audit/verify} re-checks everything, {@code /checkpoints}
 * lists and signs checkpoints of the chain, {@code /public-key} serves the key that signs them.
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    RecordVerifier verifier;

    @Inject
    Checkpoints checkpoints;

    @Inject
    SigningKeys keys;

    /** {@code intact}, how many records and rulesets were verified, every problem, the checkpoint used. */
    @GET
    @Path("/verify")
    @Allowed(Role.REVIEW)
    public RecordVerifier.Result verify() {
        try {
            return verifier.verify();
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
    }

    /** The trusted signed checkpoints, largest tree last, with where each is kept. */
    @GET
    @Path("/checkpoints")
    @Allowed(Role.REVIEW)
    public Map<String, Object> list() {
        try {
            List<Checkpoints.Checkpoint> log = checkpoints.fromLog();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("keyId", keys.keyId());
            out.put("items", checkpoints.trusted().stream().map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("treeSize", c.treeSize());
                m.put("rootHash", c.rootHash());
                m.put("headHash", c.headHash());
                m.put("signedAt", c.signedAt());
                m.put("keyId", c.keyId());
                m.put("signature", c.signature());
                m.put("inLog", log.contains(c));
                return m;
            }).toList());
            return out;
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
    }

    /** Signs a checkpoint of the chain now (admin). */
    @POST
    @Path("/checkpoints")
    @Allowed(Role.ADMIN)
    public Checkpoints.Checkpoint sign() {
        try {
            return checkpoints.sign(true);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
    }

    /** The public key that signs checkpoints (PEM); keys trusted from earlier rotations are at /public-keys. */
    @GET
    @Path("/public-key")
    @Produces({"application/x-pem-file", MediaType.TEXT_PLAIN})
    @Allowed(Role.REVIEW)
    public String publicKey() {
        return keys.publicKeyPem();
    }

    /** Every trusted public key by id (the current one first). */
    @GET
    @Path("/public-keys")
    @Allowed(Role.REVIEW)
    public Map<String, String> publicKeys() {
        return keys.trustedPem();
    }
}
