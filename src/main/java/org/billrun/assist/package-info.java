/**
 * Assistance for the people who review invoices and disputes: a dispute reason classifier, a dispute
 * risk score, milestone acceptance evidence found in e-mails and statements of work, and a summary
 * paragraph for approvers. Plain Java, no Spring, no database: the stages call it and store what a
 * person confirms. Every answer explains itself (the words, factors or sentence behind it) because
 * it only proposes; a person decides. docs/assistance.md describes the methods, data and figures.
 */
package org.billrun.assist;
