package lexgate.rules;

/** One file that took part in a ruleset: its path relative to the repository root ("rules/eu/gdpr/art6.drl") and content. */
public record SourceFile(String path, String content) {
    /** The files of a stored ruleset as source files again. */
    public static java.util.List<SourceFile> of(java.util.List<lexgate.store.StoredFile> stored) {
        return stored.stream().map(f -> new SourceFile(f.path(), f.content())).toList();
    }
}
