package org.billrun.assist.risk;

/** A past invoice as a training example: the features it had as a draft, and whether the client disputed it. */
public record RiskExample(String clientId, RiskFeatures.Measured features, boolean disputed) {}
