package lexgate.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's own mapper (the one that writes every stored decision) has DecisionJson's module. */
@QuarkusTest
class RememberedJsonServiceTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void theServicesMapperRemembersDecisionParts() {
        assertTrue(mapper.getRegisteredModuleIds().contains("lexgate-decision-json"),
                "the module is installed: " + mapper.getRegisteredModuleIds());
    }
}
