package lexgate.replay;

/** A replay cannot be made as asked (unknown decision or ruleset, bad target); the message says why. */
public class ReplayException extends RuntimeException {
    private final int status;

    /** A failure with the HTTP status it deserves. */
    public ReplayException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 404 for something unknown, 422 for a request that cannot be replayed. */
    public int status() { return status; }
}
