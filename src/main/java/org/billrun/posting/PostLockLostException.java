package org.billrun.posting;

/**
 * The database session that held an entity's post lock ended while the post job was running (the connection was lost,
 * or the server terminated the session): another process may now post the entity, so the job stops before its next send.
 */
public class PostLockLostException extends RuntimeException {
    PostLockLostException(String message) {
        super(message);
    }
}
