package org.billrun.draft;

import org.billrun.billing.OwnerRole;
import org.billrun.billing.RouteCode;

/** One reason a draft is routed for review, in words, with the reviewer's role and, where known, who that is. */
public record RouteReason(RouteCode code, OwnerRole reviewerRole, String reviewerId, String text) {}
