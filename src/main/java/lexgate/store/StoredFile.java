package lexgate.store;

/** A file of a stored ruleset, as the store gives it back: path and content. */
public record StoredFile(String path, String content) {}
