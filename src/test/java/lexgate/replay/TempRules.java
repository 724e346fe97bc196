package lexgate.replay;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Test profiles that start the service on a private copy of rules/ and policies/, which tests may edit. */
public final class TempRules {
    private TempRules() {}

    /** Base profile: a fresh temp copy per profile class. */
    public abstract static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("lexgate-" + getClass().getSimpleName());
                lexgate.testing.Trees.copy(Path.of("rules"), dir.resolve("rules"));
                lexgate.testing.Trees.copy(Path.of("policies"), dir.resolve("policies"));
                System.setProperty("lexgate.test.dir." + getClass().getSimpleName(), dir.toString());
                return Map.of("lexgate.rules.dir", dir.resolve("rules").toString(),
                        "lexgate.policies.dir", dir.resolve("policies").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The temp directory this profile's service reads. */
        public static Path dir(Class<? extends Profile> profile) {
            return Path.of(System.getProperty("lexgate.test.dir." + profile.getSimpleName()));
        }
    }

    /** For the reload and replay test. */
    public static class ForReload extends Profile {}

    /** For the impact analysis test. */
    public static class ForImpact extends Profile {}

    /**
     * For the impact analysis' paging: batches of one stored decision, so that every pair of
     * decisions stored in the same millisecond meets at a batch boundary of the keyset.
     */
    public static class ForImpactPaging extends Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new java.util.HashMap<>(super.getConfigOverrides());
            m.put("lexgate.replay.batch-size", "1");
            return m;
        }
    }

    /** For activation by digest. */
    public static class ForActivation extends Profile {}

    /** For the escape corpus over HTTP. */
    public static class ForEscapes extends Profile {}

    /** For the concurrent reload test. */
    public static class ForConcurrentReload extends Profile {}
}
