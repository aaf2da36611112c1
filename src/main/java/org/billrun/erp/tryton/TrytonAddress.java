package org.billrun.erp.tryton;

/** A party's address as Tryton keeps it; {@code countryCode} is ISO 3166 alpha-2 (Tryton needs the country). */
public record TrytonAddress(String street, String postalCode, String city, String countryCode) {}
