package org.crystalbench.bundle;

import org.crystalbench.io.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.crystalbench.BuildInfo;
import org.crystalbench.InputException;
import org.crystalbench.io.AtomicFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The bundle file: a zip holding {@code bundle.json} (the {@link Manifest}, first, so tools can read
 * it without Java) and {@code model.bin} (Java serialization of the fitted encoder and model).
 *
 * <p>Bundles are files people pass around, and Java deserialization of arbitrary classes is a
 * known attack surface, so reading checks the format name and version before touching
 * {@code model.bin} and then deserializes through a filter that admits an allowlist of exact
 * classes, with limits on depth, references and array sizes.
 */
public final class BundleFile {
    public static final String FORMAT = "crystal-bench-model-bundle";
    public static final int FORMAT_VERSION = 1;
    static final String MANIFEST = "bundle.json";
    static final String PAYLOAD = "model.bin";
    private static final int MAX_MANIFEST_BYTES = 1 << 20;

    private BundleFile() {}

    /** Writes the bundle atomically. */
    public static void write(Path file, Bundle bundle) {
        AtomicFiles.write(file, toBytes(bundle));
    }

    static byte[] toBytes(Bundle bundle) {
        try {
            var payload = new ByteArrayOutputStream();
            try (var out = new ObjectOutputStream(payload)) {
                out.writeObject(new Bundle.Payload(bundle.encoder(), bundle.model(), bundle.calibration()));
            }
            byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(bundle.manifest());
            long time = Instant.parse(bundle.manifest().created()).toEpochMilli();
            var zip = new ByteArrayOutputStream();
            try (var out = new ZipOutputStream(zip)) {
                out.setComment(FORMAT + " " + FORMAT_VERSION);
                put(out, MANIFEST, json, time); // first, so a reader can check the format before the payload
                put(out, PAYLOAD, payload.toByteArray(), time);
            }
            return zip.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the model: " + e.getMessage(), e);
        }
    }

    private static void put(ZipOutputStream out, String name, byte[] data, long time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(time);
        out.putNextEntry(entry);
        out.write(data);
        out.closeEntry();
    }

    /** Reads and checks a bundle; anything wrong with the file is an {@link InputException} naming it. */
    public static Bundle read(Path file) {
        byte[] bytes = org.crystalbench.io.InputFiles.bytes(file, "model bundle");
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4) {
            throw new InputException(file + ": not a crystal-bench model bundle (not a zip file; make one with "
                    + "'crystal-bench train')");
        }
        if (!hasEndRecord(bytes)) {
            throw new InputException(file + ": corrupt or truncated model bundle (the zip's end record is missing)");
        }
        Map<String, byte[]> entries = entries(file, bytes);
        byte[] json = entries.get(MANIFEST);
        if (json == null) {
            throw new InputException(file + ": " + MANIFEST + ": missing from the zip (not a crystal-bench model bundle)");
        }
        Manifest manifest = manifest(file, json);
        byte[] payload = entries.get(PAYLOAD);
        if (payload == null) throw new InputException(file + ": " + PAYLOAD + ": missing from the zip");
        Bundle.Payload p = payload(file, payload, manifest);
        if (!p.encoder().outputNames().equals(manifest.encodedColumns())) {
            throw new InputException(file + ": " + PAYLOAD + ": the encoder's columns do not match "
                    + MANIFEST + " encoded_columns");
        }
        if (p.model().classes() != manifest.classes().size()) {
            throw new InputException(file + ": " + PAYLOAD + ": the model has " + p.model().classes()
                    + " classes, " + MANIFEST + " lists " + manifest.classes().size());
        }
        if ((manifest.calibration() == null) != (p.calibration() == null)
                || p.calibration() != null && p.calibration().scores().length != manifest.calibration().rows()) {
            throw new InputException(file + ": " + PAYLOAD + ": its conformal calibration does not match " + MANIFEST
                    + " calibration");
        }
        return new Bundle(manifest, p.encoder(), p.model(), p.calibration());
    }

    private static Map<String, byte[]> entries(Path file, byte[] bytes) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.getName().equals(MANIFEST) && !e.getName().equals(PAYLOAD)) continue;
                // readAllBytes checks the entry's CRC, so a damaged entry fails here.
                byte[] data = e.getName().equals(MANIFEST) ? in.readNBytes(MAX_MANIFEST_BYTES + 1) : in.readAllBytes();
                if (e.getName().equals(MANIFEST) && data.length > MAX_MANIFEST_BYTES) {
                    throw new InputException(file + ": " + MANIFEST + ": larger than 1 MiB (not a crystal-bench model bundle)");
                }
                out.put(e.getName(), data);
            }
        } catch (IOException e) { // ZipException, EOFException, "Unexpected end of ZLIB input stream"...
            throw new InputException(file + ": corrupt or truncated model bundle (zip: " + e.getMessage() + ")", e);
        }
        return out;
    }

    /** Checks format and version on the raw JSON first, so a newer bundle gets a version error, not a field error. */
    private static Manifest manifest(Path file, byte[] json) {
        String where = file + ": " + MANIFEST + ": ";
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new InputException(where + "malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) throw new InputException(where + "not a JSON object");
        String format = node.path("format").asString("");
        if (!FORMAT.equals(format)) {
            throw new InputException(where + "format: '" + format + "' (expected '" + FORMAT
                    + "'; not a crystal-bench model bundle)");
        }
        JsonNode version = node.path("format_version");
        if (!version.isInt() || version.asInt() != FORMAT_VERSION) {
            throw new InputException(where + "format_version: " + version + " is not supported (this crystal-bench "
                    + BuildInfo.version() + " reads version " + FORMAT_VERSION + "; retrain the model with it)");
        }
        try {
            return Json.MAPPER.treeToValue(node, Manifest.class);
        } catch (JacksonException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            if (root instanceof IllegalArgumentException) throw new InputException(where + root.getMessage(), e);
            var key = new StringBuilder();
            for (var ref : e.getPath()) {
                if (ref.getIndex() >= 0) key.append('[').append(ref.getIndex()).append(']');
                else if (ref.getPropertyName() != null) key.append(key.isEmpty() ? "" : ".").append(ref.getPropertyName());
            }
            String what = e.getOriginalMessage().replaceAll("\\s*\\n.*", "");
            throw new InputException(where + (key.isEmpty() ? "" : key + ": ") + what, e);
        }
    }

    private static Bundle.Payload payload(Path file, byte[] bytes, Manifest m) {
        String where = file + ": " + PAYLOAD + ": ";
        var filter = new Filter();
        Object o;
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            o = in.readObject();
        } catch (InvalidClassException e) {
            if (filter.refusal != null) {
                // Our own filter said no: the file holds something train never writes (or more of it).
                throw new InputException(where + "cannot load the model: " + filter.refusal
                        + " (not what 'crystal-bench train' writes; the file was altered or made by another program)", e);
            }
            // A class changed since the bundle was written: the versions are the likely cause.
            throw new InputException(where + "cannot load the model (" + e.getMessage() + "); it was written by crystal-bench "
                    + m.versions().crystalBench() + " with Smile " + m.versions().smile() + ", this is crystal-bench "
                    + BuildInfo.version() + " with Smile " + BuildInfo.smileVersion(), e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new InputException(where + "cannot load the model (" + e + ")", e);
        } catch (StackOverflowError e) {
            throw new InputException(where + "cannot load the model (nested too deeply to read)", e);
        }
        if (!(o instanceof Bundle.Payload p) || p.encoder() == null || p.model() == null) {
            throw new InputException(where + "does not hold a fitted encoder and model");
        }
        return p;
    }

    /**
     * The exact classes a bundle's payload is made of (recorded from bundles of every model type and
     * engine, with Smile's activation and learning-rate functions of the same families). Anything else,
     * e.g. {@code java.util.HashSet}, the building block of the nested-set deserialization bomb, is refused.
     * A new model class must be added here (TrainPredictTest round-trips every model type and would fail).
     */
    static final java.util.Set<String> ALLOWED = java.util.Set.of(
            "org.crystalbench.bundle.Bundle$Payload", "org.crystalbench.bundle.Calibration",
            "org.crystalbench.features.FeatureEncoder",
            "org.crystalbench.features.NeighbourShares", "java.lang.Double",
            "org.crystalbench.models.FitWarning", "org.crystalbench.models.GaussianNbModel",
            "org.crystalbench.models.GemmMlp$Fitted", "org.crystalbench.models.GradientBoostingSpec$Boosted",
            "org.crystalbench.models.LogisticModel", "org.crystalbench.models.Model",
            "org.crystalbench.models.RandomForestSpec$Forest",
            "org.crystalbench.models.SmileModel", "org.crystalbench.models.SvmSpec$Flagged",
            "org.crystalbench.models.SvmSpec$Libsvm", "org.crystalbench.models.VotingSpec$Rule",
            "org.crystalbench.models.VotingSpec$Voting", "smile.classification.AbstractClassifier",
            "smile.classification.Classifier", "smile.classification.DecisionTree",
            "smile.classification.GradientTreeBoost", "smile.classification.LogisticRegression",
            "smile.classification.LogisticRegression$Binomial", "smile.classification.LogisticRegression$Multinomial",
            "smile.classification.MLP", "smile.classification.RandomForest",
            "smile.classification.RandomForest$Model", "smile.data.formula.Formula",
            "smile.data.formula.Term", "smile.data.formula.Variable", "smile.data.type.DataType$ID",
            "smile.data.type.DoubleType", "smile.data.type.IntType", "smile.data.type.PrimitiveType",
            "smile.data.type.StructField", "smile.data.type.StructType", "smile.model.cart.CART", "smile.model.cart.DecisionNode",
            "smile.model.cart.InternalNode", "smile.model.cart.LeafNode", "smile.model.cart.OrdinalNode",
            "smile.model.cart.RegressionNode", "smile.model.cart.SplitRule", "smile.model.mlp.ActivationFunction",
            "smile.model.mlp.ActivationFunction$1", "smile.model.mlp.ActivationFunction$2",
            "smile.model.mlp.ActivationFunction$3", "smile.model.mlp.ActivationFunction$4",
            "smile.model.mlp.ActivationFunction$5", "smile.model.mlp.Cost", "smile.model.mlp.HiddenLayer",
            "smile.model.mlp.InputLayer", "smile.model.mlp.Layer", "smile.model.mlp.MultilayerPerceptron",
            "smile.model.mlp.OutputFunction", "smile.model.mlp.OutputLayer",
            "smile.regression.RegressionTree", "smile.tensor.DenseMatrix", "smile.tensor.DenseMatrix32",
            "smile.tensor.DenseMatrix64", "smile.tensor.Vector", "smile.tensor.Vector32", "smile.tensor.Vector64",
            "smile.util.IntSet", "smile.util.function.TimeFunction$1", "smile.util.function.TimeFunction$2",
            "smile.util.function.TimeFunction$3", "smile.util.function.TimeFunction$4",
            "smile.util.function.TimeFunction$5", "smile.util.function.TimeFunction$6",
            "smile.util.function.TimeFunction$7", "smile.util.function.TimeFunction$8",
            "smile.util.function.TimeFunction$9", "smile.validation.ClassificationMetrics", "java.lang.Enum",
            "java.lang.Integer", "java.lang.Number", "java.lang.Object", "java.util.ArrayList", "java.util.CollSer",
            "java.util.HashMap", "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN",
            "java.util.LinkedHashMap", "java.util.Map$Entry",
            "libsvm.svm_model", "libsvm.svm_node", "libsvm.svm_parameter");

    /**
     * Limits. The hash-based bomb needs hash collections nested inside hash collections, and every level
     * doubles its cost, so collections (and everything but tree nodes) must sit within {@link #MAX_DEPTH}
     * levels: real bundles keep them within about 10. A fitted tree nests one level per tree level, so
     * the tree nodes (which hash nothing) may go down to {@link #MAX_NESTING}: room for
     * {@link org.crystalbench.models.Trees#MAX_DEPTH} tree levels below the model's own structure.
     *
     * <p>The filter sees a class only where it is first met (later objects of it come as back-references
     * with no class), but every JDK collection asks the filter about its element array (e.g.
     * {@code Object[]}, {@code Map$Entry[]}) each time one is read, at the collection's depth; that check
     * is what keeps collections shallow.
     */
    static final int MAX_DEPTH = 20, MAX_ARRAY = 1 << 26;
    static final int MAX_NESTING = org.crystalbench.models.Trees.MAX_DEPTH + 100;
    static final long MAX_REFERENCES = 1L << 24;

    /** Tree node classes (and primitive arrays): the only things admitted below {@link #MAX_DEPTH}. */
    static final java.util.Set<String> NESTABLE = java.util.Set.of("smile.model.cart.DecisionNode",
            "smile.model.cart.InternalNode", "smile.model.cart.LeafNode", "smile.model.cart.OrdinalNode",
            "smile.model.cart.RegressionNode");

    /** The deserialization filter of one read; remembers why it refused, for the message. */
    static final class Filter implements ObjectInputFilter {
        String refusal;

        @Override
        public Status checkInput(FilterInfo info) {
            String why = why(info);
            if (why == null) return info.serialClass() == null ? Status.UNDECIDED : Status.ALLOWED;
            if (refusal == null) refusal = why;
            return Status.REJECTED;
        }

        private static String why(FilterInfo info) {
            if (info.arrayLength() > MAX_ARRAY) return "an array of " + info.arrayLength() + " elements (limit " + MAX_ARRAY + ")";
            if (info.references() > MAX_REFERENCES) return "more than " + MAX_REFERENCES + " objects";
            if (info.depth() > MAX_NESTING) return "objects nested " + info.depth() + " levels deep (limit " + MAX_NESTING + ")";
            Class<?> c = info.serialClass();
            if (c == null) return null;
            while (c.isArray()) c = c.getComponentType();
            if (c.isPrimitive()) return null;
            if (!ALLOWED.contains(c.getName())) return "class " + c.getName() + " is not part of a model bundle";
            if (info.depth() > MAX_DEPTH && !NESTABLE.contains(c.getName())) {
                return c.getName() + " nested " + info.depth() + " levels deep (limit " + MAX_DEPTH + " for all but tree nodes)";
            }
            return null;
        }
    }

    /** A zip ends with its end-of-central-directory record (22 bytes plus a comment); a file cut short lacks it. */
    static boolean hasEndRecord(byte[] b) {
        for (int i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xFFFF); i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6
                    && i + 22 + ((b[i + 20] & 0xFF) | (b[i + 21] & 0xFF) << 8) == b.length) {
                return true;
            }
        }
        return false;
    }
}
