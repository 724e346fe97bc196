package lexgate.store;

/** The database could not take or give a decision; the client gets 503 and no decision. */
public class StorageUnavailableException extends RuntimeException {
    /** Wraps the storage failure. */
    public StorageUnavailableException(Throwable cause) {
        super("decision storage is unavailable", cause);
    }
}
