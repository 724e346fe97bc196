package lexgate.decision;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGTERM still ends a JVM in which an evaluation is stuck for ever in a rule: its worker never holds the JVM. */
class StuckEvaluationExitTest {
    @Test
    void sigtermEndsTheJvmWhileAnEvaluationSpins() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StuckEvaluationMain.class.getName()))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String answer = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("REVIEW") || line.startsWith("ALLOW") || line.startsWith("DENY")) {
                    answer = line;
                    break;
                }
            }
            assertEquals("REVIEW lexgate.engine", answer);
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the JVM did not stop on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }
}
