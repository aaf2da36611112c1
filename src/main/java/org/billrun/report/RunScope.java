package org.billrun.report;

/** A run as the report's queries select by it: the run, and the period and scope its exceptions are kept under. */
record RunScope(long run, String period, String scope) {}
