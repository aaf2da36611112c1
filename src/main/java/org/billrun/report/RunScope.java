package org.billrun.report;

/** A run as the report's queries select by it: the run, its period (which its exceptions are kept under) and its scope. */
record RunScope(long run, String period, String scope) {}
