package lexgate.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import lexgate.audit.Checkpoints;
import lexgate.audit.RecordVerifier;
import lexgate.audit.SigningKeys;
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
@Tag(name = "audit")
@SecurityRequirement(name = ApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class AuditResource {

    @Inject
    RecordVerifier verifier;

    @Inject
    Checkpoints checkpoints;

    @Inject
    SigningKeys keys;

    /** {@code intact}, how many records and rulesets were verified, every problem, the checkpoint used. */
    @Operation(operationId = "verifyRecord", summary = "Re-check the whole record",
            description = "Every decision hash and link recomputed, the chain head, every stored ruleset digest, and the Merkle root against the latest signed checkpoint; intact only when nothing is wrong; names the first record that does not match. Role review.")
    @APIResponse(responseCode = "200", description = "The verification",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecordVerifier.Result.class)))
    @GET
    @Path("/verify")
    @jakarta.annotation.security.RolesAllowed("review")
    public RecordVerifier.Result verify() {
        try {
            return verifier.verify();
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
    }

    /** The trusted signed checkpoints, largest tree last, with where each is kept. */
    @Operation(operationId = "listCheckpoints", summary = "The trusted signed checkpoints",
            description = "Largest tree last, each with whether it is in the checkpoint log. Role review.")
    @APIResponse(responseCode = "200", description = "Checkpoints",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.CheckpointList.class)))
    @GET
    @Path("/checkpoints")
    @jakarta.annotation.security.RolesAllowed("review")
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
    @Operation(operationId = "signCheckpoint", summary = "Sign a checkpoint of the chain now",
            description = "Role admin.")
    @APIResponse(responseCode = "200", description = "The checkpoint signed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Checkpoints.Checkpoint.class)))
    @POST
    @Path("/checkpoints")
    @jakarta.annotation.security.RolesAllowed("admin")
    public Checkpoints.Checkpoint sign() {
        try {
            return checkpoints.sign(true);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
    }

    /** The public key that signs checkpoints (PEM); keys trusted from earlier rotations are at /public-keys. */
    @Operation(operationId = "getPublicKey", summary = "The public key that signs checkpoints",
            description = "PEM (SubjectPublicKeyInfo, Ed25519). Role review.")
    @APIResponse(responseCode = "200", description = "The key as PEM",
            content = {@Content(mediaType = "application/x-pem-file", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    @GET
    @Path("/public-key")
    @Produces({"application/x-pem-file", MediaType.TEXT_PLAIN})
    @jakarta.annotation.security.RolesAllowed("review")
    public String publicKey() {
        return keys.publicKeyPem();
    }

    /** Every trusted public key by id (the current one first). */
    @Operation(operationId = "listPublicKeys", summary = "Every trusted public key by id",
            description = "The current key first, then keys trusted from earlier rotations, as PEM. Role review.")
    @APIResponse(responseCode = "200", description = "Key id to PEM",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    additionalProperties = String.class)))
    @GET
    @Path("/public-keys")
    @jakarta.annotation.security.RolesAllowed("review")
    public Map<String, String> publicKeys() {
        return keys.trustedPem();
    }
}
