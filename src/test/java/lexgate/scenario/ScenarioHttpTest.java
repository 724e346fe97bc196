package lexgate.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import lexgate.decision.Decision;
import lexgate.decision.Evaluation;
import lexgate.rules.ActiveRuleset;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario file under rules/ posted to the running service over HTTP: outcome, citations,
 * obligations and missing facts are checked on the HTTP answer; the rules that must (not) fire are
 * checked on the same request evaluated against the service's active ruleset.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class ScenarioHttpTest {

    @Inject
    ActiveRuleset active;

    @Inject
    ObjectMapper mapper;

    @TestFactory
    Stream<DynamicTest> scenarios() {
        List<Scenario> all = ScenarioLoader.load(Path.of("."), Path.of("rules"));
        assertTrue(all.size() >= 20, "expected the scenario files under rules/, found " + all.size());
        return all.stream().map(s -> DynamicTest.dynamicTest(s.label(), () -> {
            Response resp = given().contentType("application/json").body(mapper.writeValueAsString(s.request()))
                    .when().post("/v1/decisions");
            assertEquals(201, resp.statusCode(), resp.asString());
            Decision d = mapper.readValue(resp.asString(), Decision.class);
            Evaluation inProcess = ScenarioRunner.run(active.get(), s).evaluation();
            Evaluation overHttp = new Evaluation(d.outcome(), d.reasons(), d.obligations(), d.missing(),
                    inProcess == null ? List.of() : inProcess.firedRules(), d.supervision(), d.exposure());
            List<String> problems = ScenarioCheck.check(s, overHttp);
            assertTrue(problems.isEmpty(), s.label() + ":\n  " + String.join("\n  ", problems));
        }));
    }
}
