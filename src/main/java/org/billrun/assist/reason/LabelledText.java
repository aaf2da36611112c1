package org.billrun.assist.reason;

/** A dispute text with the reason a person gave it. */
public record LabelledText(String text, DisputeReason reason) {}
