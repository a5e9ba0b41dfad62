package org.crystalbench.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Reads entries of a model bundle and builds hand-made ones, for the bundle tests. */
public final class BundleZip {
    private BundleZip() {}

    public static byte[] entry(Path zip, String name) throws IOException {
        try (var z = new ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }

    static byte[] zip(List<String> names, List<byte[]> contents) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.size(); i++) {
                z.putNextEntry(new ZipEntry(names.get(i)));
                z.write(contents.get(i));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
