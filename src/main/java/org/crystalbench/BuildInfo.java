package org.crystalbench;

/** Version of this build, from the jar manifest ("dev" when run from classes). */
public final class BuildInfo {
    private BuildInfo() {}

    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public static String smileVersion() {
        String v = smile.classification.Classifier.class.getPackage().getImplementationVersion();
        return v == null ? "6.3.0" : v;
    }
}
