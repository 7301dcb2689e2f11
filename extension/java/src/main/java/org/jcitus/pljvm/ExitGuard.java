/*
 * ExitGuard.java — keeps System.exit from ending the JVM behind PostgreSQL's back.
 */
package org.jcitus.pljvm;

import java.security.Permission;

/**
 * A security manager that permits everything but exiting the JVM. The JVM runs inside a
 * backend: were it to exit, the process would die without PostgreSQL's cleanup and the
 * postmaster would restart the whole server. Instead {@code System.exit} (from any thread)
 * throws {@link ExitRequest}, and the backend ends in PostgreSQL's own way (a FATAL error)
 * as soon as the running call returns to it.
 */
@SuppressWarnings("removal")
final class ExitGuard extends SecurityManager {
    private static volatile ExitRequest pending;

    /** Thrown where Java asked to exit; the runtime ends the session on seeing it. */
    static final class ExitRequest extends SecurityException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ExitRequest(int status) {
            super("System.exit(" + status + ") ends this database session");
            this.status = status;
        }

        /** Read by the runtime. */
        int status() {
            return status;
        }
    }

    /** Installs the guard (called once, when the JVM starts). */
    static void install() {
        System.setSecurityManager(new ExitGuard());
    }

    @Override
    public void checkExit(int status) {
        ExitRequest request = new ExitRequest(status);
        pending = request;
        throw request;
    }

    @Override
    public void checkPermission(Permission permission) {
        // everything else is allowed: pljvm is an untrusted language
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
    }

    /** On the backend thread after a call: an exit asked for during it, by any thread, ends the session now. */
    static void honourPendingExit() {
        ExitRequest request = pending;
        if (request != null) {
            throw request;
        }
    }
}
