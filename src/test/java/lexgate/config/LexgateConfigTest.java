package lexgate.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's settings: every lexgate.* property is in the typed mapping with its default, a
 * value given is read, and a mistyped name is refused (the service would not start) instead of
 * being silently ignored.
 */
class LexgateConfigTest {
    private static SmallRyeConfig config(Map<String, String> props) {
        return new SmallRyeConfigBuilder()
                .withMapping(LexgateConfig.class)
                // Durations such as "10ms" are read with Quarkus' converter, as in the service.
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 500))
                .build();
    }

    @Test
    void defaultsWhenNothingIsSet() {
        LexgateConfig c = config(Map.of()).getConfigMapping(LexgateConfig.class);
        assertEquals("rules", c.rules().dir());
        assertEquals(500, c.replay().batchSize());
        assertEquals(0.5, c.replay().dutyCycle());
        assertEquals(0, c.replay().threads());
        assertEquals(false, c.jwt().allowHttp());
        assertEquals(java.time.Duration.ofMillis(10), c.store().slowCommit());
    }

    @Test
    void aValueGivenIsRead() {
        LexgateConfig c = config(Map.of("lexgate.rules.dir", "/srv/rules", "lexgate.replay.threads", "3"))
                .getConfigMapping(LexgateConfig.class);
        assertEquals("/srv/rules", c.rules().dir());
        assertEquals(3, c.replay().threads());
    }

    @Test
    void aMistypedNameIsRefusedNamingIt() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class,
                () -> config(Map.of("lexgate.rules.dri", "/srv/rules")));
        assertTrue(e.getMessage().contains("lexgate.rules.dri"), e.getMessage());
    }

    @Test
    void aSwitchThatNoLongerExistsIsRefused() {
        // Authentication cannot be switched off: the old property stops the start rather than being ignored.
        assertThrows(ConfigValidationException.class, () -> config(Map.of("lexgate.auth.enabled", "false")));
    }
}
