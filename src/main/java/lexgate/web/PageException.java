package lexgate.web;

/** A page that cannot be shown, with the status and the words to show instead. */
class PageException extends RuntimeException {
    final int status;
    final String title;

    PageException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }
}
