package lexgate.rules;

/** One file that took part in a ruleset: its path relative to the repository root ("rules/eu/gdpr/art6.drl") and content. */
public record SourceFile(String path, String content) {}
