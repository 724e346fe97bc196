package lexgate.testing;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * The tests' own system properties ({@code -Dlexgate.browser.required=true} from {@code .ci/run},
 * {@code lexgate.test.dir.*} set by test profiles) share the service's {@code lexgate.} prefix but are not the service's configuration:
 * {@link lexgate.config.LexgateConfig} would refuse them as unknown and no test would start. They
 * are ignored here, in the tests only; every other unknown {@code lexgate.*} property still fails
 * the start, as in production.
 */
public class TestOnlyProperties implements SmallRyeConfigBuilderCustomizer {
    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withMappingIgnore("lexgate.browser.**").withMappingIgnore("lexgate.test.**");
    }
}
