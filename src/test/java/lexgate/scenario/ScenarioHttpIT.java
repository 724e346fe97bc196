package lexgate.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;
import lexgate.decision.Decision;
import lexgate.decision.Evaluation;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ScenarioHttpTest} against the packaged jar: every scenario under rules/ posted as a real
 * client; outcome, citations, obligations and missing facts checked on the HTTP answer. The rules
 * that must (not) fire are checked on the same request evaluated here against the same rules,
 * compiled in this JVM, whose digest must be the one the jar answers with.
 */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class ScenarioHttpIT {
    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }

    @TestFactory
    Stream<DynamicTest> scenarios() {
        Path run = JarUnderTest.runDir();
        Ruleset local = RulesetCompiler.compile(run.resolve("rules"), run.resolve("policies"));
        String served = given().when().get("/v1/rulesets/active").then().statusCode(200).extract().path("digest");
        assertEquals(local.digest(), served, "the jar serves the rules compiled here");
        List<Scenario> all = ScenarioLoader.load(Path.of("."), Path.of("rules"));
        assertTrue(all.size() >= 20, "expected the scenario files under rules/, found " + all.size());
        return all.stream().map(s -> DynamicTest.dynamicTest(s.label(), () -> {
            Response resp = given().contentType("application/json").body(MAPPER.writeValueAsString(s.request()))
                    .when().post("/v1/decisions");
            assertEquals(201, resp.statusCode(), resp.asString());
            Decision d = MAPPER.readValue(resp.asString(), Decision.class);
            assertEquals(served, d.ruleset().digest(), "decided by the active ruleset");
            Evaluation inProcess = ScenarioRunner.run(local, s).evaluation();
            Evaluation overHttp = new Evaluation(d.outcome(), d.reasons(), d.obligations(), d.missing(),
                    inProcess == null ? List.of() : inProcess.firedRules(), d.supervision(), d.exposure());
            List<String> problems = ScenarioCheck.check(s, overHttp);
            assertTrue(problems.isEmpty(), s.label() + ":\n  " + String.join("\n  ", problems));
        }));
    }
}
