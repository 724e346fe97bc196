package lexgate.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The service's Ed25519 key for signing checkpoints, kept outside the database: from
 * {@code LEXGATE_AUDIT_SIGNING_KEY} (a PKCS#8 PEM, or its base64), else from the file
 * {@code <lexgate.audit.dir>/ed25519-private.pem}, generated there on first start (mode 600) with the
 * public key beside it and printed once. Public keys of earlier keys (after a rotation) are trusted
 * from {@code <lexgate.audit.dir>/trusted/*.pem}, so that older checkpoints still verify. Only
 * signatures by these keys count: a checkpoint someone wrote into the database with a key of their
 * own is not trusted.
 */
@ApplicationScoped
public class SigningKeys {
    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    @jakarta.inject.Inject
    lexgate.config.LexgateConfig config;

    private volatile KeyPair pair;
    private volatile String keyId;
    private final Map<String, PublicKey> trusted = new LinkedHashMap<>();

    /** The directory of the key, the trusted public keys and the checkpoint log. */
    public Path dir() {
        return Path.of(config.audit().dir());
    }

    private synchronized void load() {
        if (pair != null) return;
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            Path priv = dir().resolve("ed25519-private.pem");
            Path pub = dir().resolve("ed25519-public.pem");
            PrivateKey pk;
            PublicKey pubKey;
            Optional<String> configuredKey = config.audit().signingKey();
            if (configuredKey.isPresent() && !configuredKey.get().isBlank()) {
                pk = kf.generatePrivate(new PKCS8EncodedKeySpec(der(configuredKey.get())));
                pubKey = publicOf(pk);
            } else if (Files.exists(priv)) {
                pk = kf.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(priv))));
                pubKey = publicOf(pk);
            } else {
                KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Files.createDirectories(dir());
                Files.writeString(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
                try {
                    Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the directory's own protection applies
                }
                pk = kp.getPrivate();
                pubKey = kp.getPublic();
                System.out.println("""

                        ==========================================================================
                         Lexgate: a checkpoint signing key was created in %s
                         Its public key (also in ed25519-public.pem and at GET /v1/audit/public-key),
                         for verifying evidence offline; keep a copy outside this machine:
                        %s==========================================================================
                        """.formatted(dir().toAbsolutePath(), pem("PUBLIC KEY", pubKey.getEncoded())));
            }
            if (!Files.exists(pub)) {
                Files.createDirectories(dir());
                Files.writeString(pub, pem("PUBLIC KEY", pubKey.getEncoded()));
            }
            keyId = keyId(pubKey);
            trusted.put(keyId, pubKey);
            Path trustedDir = dir().resolve("trusted");
            if (Files.isDirectory(trustedDir)) {
                try (var list = Files.list(trustedDir)) {
                    for (Path p : list.filter(x -> x.toString().endsWith(".pem")).sorted().toList()) {
                        PublicKey k = readPublic(Files.readString(p));
                        trusted.put(keyId(k), k);
                    }
                }
            }
            pair = new KeyPair(pubKey, pk);
        } catch (IOException e) {
            throw new UncheckedIOException("the audit signing key in " + config.audit().dir() + " cannot be read or written", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit signing key is not an Ed25519 key", e);
        }
    }

    /** The public key of a private Ed25519 key (the JDK keeps it inside the PKCS#8 only optionally). */
    private static PublicKey publicOf(PrivateKey pk) throws GeneralSecurityException {
        // PKCS#8 v2 may carry the public key; the JDK does not expose it, so derive it by signing: the
        // JDK's EdDSA implementation computes the public point from the seed.
        byte[] enc = pk.getEncoded();
        byte[] seed = null;
        // The seed is the OCTET STRING inside the privateKey OCTET STRING: 04 22 04 20 <32 bytes>.
        for (int i = 0; i + 36 <= enc.length; i++) {
            if (enc[i] == 0x04 && enc[i + 1] == 0x22 && enc[i + 2] == 0x04 && enc[i + 3] == 0x20) {
                seed = java.util.Arrays.copyOfRange(enc, i + 4, i + 36);
                break;
            }
        }
        if (seed == null) throw new java.security.spec.InvalidKeySpecException("not a PKCS#8 Ed25519 private key");
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(new java.security.spec.NamedParameterSpec("Ed25519"), new FixedRandom(seed));
        return g.generateKeyPair().getPublic();
    }

    /** A SecureRandom that returns the given seed once: how the JDK lets a known Ed25519 seed make its key pair. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }

    /** The current key's id: the first 16 hex digits of SHA-256 over its public key (X.509 DER). */
    public String keyId() {
        load();
        return keyId;
    }

    /** The current public key as PEM. */
    public String publicKeyPem() {
        load();
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    /** Every trusted public key by id, as PEM (the current one first). */
    public Map<String, String> trustedPem() {
        load();
        Map<String, String> out = new LinkedHashMap<>();
        trusted.forEach((id, k) -> out.put(id, pem("PUBLIC KEY", k.getEncoded())));
        return out;
    }

    /** Signs the statement (UTF-8) with the current key; base64. */
    public String sign(String statement) {
        load();
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(statement.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when a trusted key with this id signed the statement. */
    public boolean verify(String statement, String signature, String id) {
        load();
        PublicKey k = trusted.get(id);
        return k != null && verify(k, statement, signature);
    }

    /** True when the key signed the statement (base64 signature). */
    public static boolean verify(PublicKey key, String statement, String signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(statement.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Reads a public key PEM (SubjectPublicKeyInfo). */
    public static PublicKey readPublic(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(pem)));
    }

    /** The id of a public key. */
    public static String keyId(PublicKey k) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(k.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String pemOrBase64) {
        String b = pemOrBase64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(b);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
