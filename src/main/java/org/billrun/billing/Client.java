package org.billrun.billing;

/** A bill-to client (clients.csv). */
public record Client(String clientId, String name, String country, String currency, boolean business, String taxId) {}
