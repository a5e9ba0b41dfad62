package org.crystalbench.perf;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * One JMH benchmark method of one build, driven without JMH: its {@code @State} class instantiated from
 * that build's own class loader, its {@code @Param} fields set, its trial {@code @Setup} methods called
 * with the given system properties in force, then the {@code @Benchmark} method called through a method
 * handle. Annotations are matched by name, so a build's own copy of JMH (another class loader) is used as
 * it is: nothing but the JDK is shared between the two builds of {@link SameJvmFork}.
 */
public final class IsolatedBench implements SliceRunner.Op {
    static final String JMH = "org.openjdk.jmh.annotations.";
    /** The string JMH's Blackhole constructor asks for, as its documentation gives it. */
    static final String BLACKHOLE_CHALLENGE =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";
    /** Where each call's result goes, so that the JIT cannot drop the call. */
    static volatile Object sink;

    private final MethodHandle call;
    private final int opsPerInvocation;

    private IsolatedBench(MethodHandle call, int opsPerInvocation) {
        this.call = call;
        this.opsPerInvocation = opsPerInvocation;
    }

    /** Thrown when a build lacks the benchmark, a parameter, or its setup fails: the benchmark is skipped, with this message. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * @param benchmark fully qualified {@code Class.method}
     * @param params    {@code @Param} field values
     * @param props     system properties set (and restored) around the trial setup, e.g. the config the build reads
     */
    public static IsolatedBench open(ClassLoader loader, String benchmark, Map<String, String> params,
                                     Map<String, String> props) throws Unavailable {
        int dot = benchmark.lastIndexOf('.');
        Class<?> type;
        try {
            type = Class.forName(benchmark.substring(0, dot), true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new Unavailable("no class " + benchmark.substring(0, dot) + " in this build");
        }
        Method m = benchmarkMethod(type, benchmark.substring(dot + 1));
        Object state = newState(type);
        for (var p : params.entrySet()) setParam(type, state, p.getKey(), p.getValue());
        withProperties(props, () -> setup(type, state));
        try {
            MethodHandle h = MethodHandles.publicLookup().unreflect(m).bindTo(state);
            if (m.getParameterCount() == 1) h = MethodHandles.insertArguments(h, 0, blackhole(loader));
            h = h.asType(MethodType.methodType(Object.class));
            return new IsolatedBench(h, opsPerInvocation(m));
        } catch (ReflectiveOperationException e) {
            throw new Unavailable("cannot call " + benchmark + ": " + e);
        }
    }

    @Override
    public void run(long invocations) {
        try {
            Object last = null;
            for (long i = 0; i < invocations; i++) last = call.invokeExact();
            sink = last;
        } catch (Throwable t) {
            throw new IllegalStateException("the benchmark failed: " + t, t);
        }
    }

    @Override
    public int opsPerInvocation() {
        return opsPerInvocation;
    }

    private static Method benchmarkMethod(Class<?> type, String name) throws Unavailable {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && annotation(m.getAnnotations(), "Benchmark") != null
                    && (m.getParameterCount() == 0 || m.getParameterCount() == 1
                    && m.getParameterTypes()[0].getName().equals("org.openjdk.jmh.infra.Blackhole"))) {
                return m;
            }
        }
        throw new Unavailable("no @Benchmark " + type.getSimpleName() + "." + name + " in this build");
    }

    private static Object newState(Class<?> type) throws Unavailable {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new Unavailable("cannot make a " + type.getSimpleName() + ": " + e);
        }
    }

    private static void setParam(Class<?> type, Object state, String name, String value) throws Unavailable {
        try {
            Field f = type.getField(name);
            Annotation p = annotation(f.getAnnotations(), "Param");
            if (p == null) throw new Unavailable("field " + name + " is no @Param in this build");
            String[] declared = (String[]) p.annotationType().getMethod("value").invoke(p);
            if (declared.length > 0 && !java.util.List.of(declared).contains(value)) {
                throw new Unavailable("@Param " + name + " has no value " + value + " in this build");
            }
            Class<?> t = f.getType();
            f.set(state, t == String.class ? value : t == double.class ? (Object) Double.parseDouble(value)
                    : t == int.class ? (Object) Integer.parseInt(value) : t == long.class ? (Object) Long.parseLong(value)
                    : t == boolean.class ? (Object) Boolean.parseBoolean(value) : value);
        } catch (NoSuchFieldException e) {
            throw new Unavailable("no @Param " + name + " in this build");
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new Unavailable("cannot set @Param " + name + "=" + value + ": " + e);
        }
    }

    private interface Action {
        void run() throws Unavailable;
    }

    private static void withProperties(Map<String, String> props, Action a) throws Unavailable {
        Map<String, String> before = new java.util.HashMap<>();
        for (var p : props.entrySet()) before.put(p.getKey(), System.setProperty(p.getKey(), p.getValue()));
        try {
            a.run();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) System.clearProperty(k);
                else System.setProperty(k, v);
            });
        }
    }

    private static void setup(Class<?> type, Object state) throws Unavailable {
        for (Method m : type.getMethods()) {
            Annotation s = annotation(m.getAnnotations(), "Setup");
            if (s == null || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0) continue;
            try {
                if (!String.valueOf(s.annotationType().getMethod("value").invoke(s)).equals("Trial")) continue;
                m.invoke(state);
            } catch (InvocationTargetException e) {
                throw new Unavailable("its setup failed: " + e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new Unavailable("cannot call its setup: " + e);
            }
        }
    }

    private static Object blackhole(ClassLoader loader) throws ReflectiveOperationException {
        return Class.forName("org.openjdk.jmh.infra.Blackhole", true, loader).getConstructor(String.class)
                .newInstance(BLACKHOLE_CHALLENGE);
    }

    private static int opsPerInvocation(Method m) {
        Annotation a = annotation(m.getAnnotations(), "OperationsPerInvocation");
        if (a == null) return 1;
        try {
            return (Integer) a.annotationType().getMethod("value").invoke(a);
        } catch (ReflectiveOperationException e) {
            return 1;
        }
    }

    static Annotation annotation(Annotation[] all, String simpleName) {
        for (Annotation a : all) if (a.annotationType().getName().equals(JMH + simpleName)) return a;
        return null;
    }
}
