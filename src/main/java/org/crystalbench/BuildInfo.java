package org.crystalbench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version of this build, from the jar manifest ("dev" when run from classes). */
public final class BuildInfo {
    private BuildInfo() {}

    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * The Smile version this build was compiled against, recorded by Maven in build.properties:
     * in the shaded jar, Smile's packages report the jar's own manifest version, not Smile's.
     */
    public static String smileVersion() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("smile.version");
                if (v != null && !v.startsWith("$")) return v;
            }
        } catch (IOException e) {
            // fall through: the version is provenance, not a reason to fail
        }
        return "unknown";
    }
}
