package org.billrun.posting;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.billrun.infra.AdvisoryLock;
import org.springframework.stereotype.Component;

/**
 * The post locks this process holds, per entity, so that the post job can make sure before each send that it still holds
 * its entity's lock. A session advisory lock lives as long as its database session: if that session ends, the lock is
 * gone, another post process may take it, and two processes would send the same entity's invoices.
 */
@Component
class PostLocks {

    private final Map<String, AdvisoryLock> held = new ConcurrentHashMap<>();

    void hold(String entityId, AdvisoryLock lock) {
        held.put(entityId, lock);
    }

    void release(String entityId) {
        held.remove(entityId);
    }

    /** Throws {@link PostLockLostException} when the entity's lock is held by this process no more. */
    void check(String entityId) {
        AdvisoryLock lock = held.get(entityId);
        if (lock == null || !lock.held()) {
            throw new PostLockLostException("the database session holding the post lock of " + entityId
                    + " ended (connection lost, or terminated by the server); posting stopped before the next invoice was sent");
        }
    }
}
