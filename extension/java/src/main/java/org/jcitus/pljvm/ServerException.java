/*
 * ServerException.java — an ERROR PostgreSQL raised while Java ran SQL in the backend.
 */
package org.jcitus.pljvm;

/**
 * An error raised by PostgreSQL during in-backend SQL. It carries the SQLSTATE, message,
 * detail, hint and context of the original error; if Java lets it escape the function,
 * the original error reaches the client unchanged.
 *
 * <p>After catching one, Java must roll back to a savepoint set before the failing
 * statement before it runs more SQL; otherwise further SQL is refused and the original
 * error is raised when the function returns.
 */
public final class ServerException extends SqlError {
    private static final long serialVersionUID = 1L;

    /** identifies the runtime's copy of the error, to re-throw it unchanged */
    private final long handle;

    /** Made by the runtime. */
    public ServerException(String sqlState, String message, String detail, String hint, String context,
                           long handle) {
        super(sqlState, message);
        withDetail(detail);
        withHint(hint);
        withContext(context);
        this.handle = handle;
    }
}
