package lexgate.store;

import java.time.Instant;
import java.util.List;

/**
 * What the store keeps of a ruleset: its digest, label, when it was first loaded, how many rules it
 * holds and its files. The rules layer's compiled ruleset provides it; the store never needs to
 * know what a compiled ruleset is (dependencies run downwards: rules → store).
 */
public interface RulesetContent {
    String digest();

    String version();

    Instant loadedAt();

    int ruleCount();

    /** The files, each serialised as {@code {"path": ..., "content": ...}}. */
    List<?> files();
}
