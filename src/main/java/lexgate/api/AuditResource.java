package lexgate.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import lexgate.security.Allowed;
import lexgate.security.Role;
import lexgate.store.AuditVerifier;
import lexgate.store.StorageUnavailableException;

/** {@code GET /v1/audit/verify}: re-walks the hash chain of stored decisions. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditVerifier verifier;

    /** {@code intact}, how many records were verified, and the first record that does not match. */
    @GET
    @Path("/verify")
    @Allowed(Role.REVIEW)
    public AuditVerifier.Result verify() {
        try {
            return verifier.verify();
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
    }
}
