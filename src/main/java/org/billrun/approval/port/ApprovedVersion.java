package org.billrun.approval.port;

import java.math.BigDecimal;

/** An invoice version that has just had its last approval: what numbering and the posting outbox need of it. */
public record ApprovedVersion(long versionId, long runId, String draftId, int versionNo, String entityId, String currency, BigDecimal net,
        BigDecimal tax, BigDecimal gross) {}
