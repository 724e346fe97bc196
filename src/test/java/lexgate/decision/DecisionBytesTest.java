package lexgate.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new decision's JSON is written into one buffer per thread and copied out: each result is
 * exactly what Jackson writes for that value alone, whatever was written before it on the thread,
 * large or small, and however large the buffer grew.
 */
class DecisionBytesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(DecisionJson.module());
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Test
    void eachValueIsWrittenAloneOnTheSameThread() throws Exception {
        Map<String, Object> small = Map.of("outcome", "ALLOW");
        Map<String, Object> large = Map.of("text", "é".repeat(20_000), "list", List.of(1, 2, 3));
        Map<String, Object> huge = Map.of("text", "x".repeat(300_000)); // beyond the buffer kept
        for (Object v : List.of(large, small, huge, small, large, small)) {
            byte[] got = DecisionService.utf8(MAPPER, v);
            assertArrayEquals(PLAIN.writeValueAsBytes(v), got);
        }
        assertTrue(DecisionService.utf8(MAPPER, huge).length > 300_000);
    }
}
