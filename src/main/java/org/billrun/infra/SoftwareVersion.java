package org.billrun.infra;

/** The billrun version running now: the jar's Implementation-Version, or "development build" outside a packaged jar. */
public final class SoftwareVersion {

    private SoftwareVersion() {}

    public static String current() {
        String version = SoftwareVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }
}
