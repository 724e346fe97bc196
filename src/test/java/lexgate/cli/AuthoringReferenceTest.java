package lexgate.cli;

import lexgate.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/authoring.md is generated from the vocabulary and the policies; this fails when the committed file is stale. */
class AuthoringReferenceTest {
    @Test
    void theCommittedReferenceIsTheGeneratedOne() throws Exception {
        String generated = AuthoringReference.markdown(PolicyLoader.load(Path.of("policies")));
        String committed = Files.readString(Path.of("docs/authoring.md"));
        assertEquals(generated, committed, "docs/authoring.md is stale: run bin/lexgate reference > docs/authoring.md");
    }
}
