package dev.likes.webtest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A service started from its executable jar inside this JVM, in a class loader of its own: its classes, its
 * dependencies and its {@code application.yml} exactly as {@code java -jar} would see them, and nothing of the other
 * services or of the test (which share one classpath would mix their Flyway migrations and configuration files).
 */
final class ServiceJar implements AutoCloseable {

    private final String name;
    private final URLClassLoader loader;
    private final Closeable context;

    private ServiceJar(String name, URLClassLoader loader, Closeable context) {
        this.name = name;
        this.loader = loader;
        this.context = context;
    }

    /** Runs the jar's Spring Boot application with the given arguments and returns once it has started. */
    static ServiceJar start(Path jar, Path workDir, List<String> args) throws Exception {
        String name = jar.getFileName().toString().replaceFirst("-\\d.*\\.jar$", "");
        Path unpacked = unpack(jar, workDir.resolve(name));
        String startClass;
        try (var file = new JarFile(jar.toFile())) {
            startClass = file.getManifest().getMainAttributes().getValue("Start-Class");
        }
        var loader = new URLClassLoader(name, classPath(unpacked), ClassLoader.getPlatformClassLoader());
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        // Threads the application starts inherit this, so its Kafka, Tomcat and scheduler threads load from its jar.
        current.setContextClassLoader(loader);
        try {
            // The JVM takes one URL stream handler factory, and each service's Tomcat would register its own (for
            // jar:war: URLs, which executable jars never use): the second service would fail to start.
            loader.loadClass("org.apache.catalina.webresources.TomcatURLStreamHandlerFactory")
                    .getMethod("disable")
                    .invoke(null);
            Class<?> application = loader.loadClass("org.springframework.boot.SpringApplication");
            Object context = application
                    .getMethod("run", Class.class, String[].class)
                    .invoke(null, loader.loadClass(startClass), (Object) args.toArray(String[]::new));
            return new ServiceJar(name, loader, (Closeable) context);
        } catch (InvocationTargetException e) {
            loader.close();
            throw new IllegalStateException(name + " did not start", e.getCause());
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            context.close();
        } finally {
            current.setContextClassLoader(previous);
            loader.close();
        }
    }

    /** BOOT-INF/classes and BOOT-INF/lib of the jar as plain files, unpacked again only when the jar changed. */
    private static Path unpack(Path jar, Path target) throws IOException {
        Path stamp = target.resolve(".unpacked");
        if (Files.exists(stamp) && Files.getLastModifiedTime(stamp).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
            return target;
        }
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path path : old.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                        .toList()) {
                    Files.delete(path);
                }
            }
        }
        try (var file = new JarFile(jar.toFile())) {
            for (var entries = file.entries(); entries.hasMoreElements(); ) {
                var entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith("BOOT-INF/")) {
                    continue;
                }
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Entry outside the jar's directory: " + entry.getName());
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(stamp, jar.toString());
        return target;
    }

    /** The jar's own classes first, then its libraries in the order of its classpath.idx, as its launcher does. */
    private static URL[] classPath(Path unpacked) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(url(unpacked.resolve("BOOT-INF/classes")));
        Path index = unpacked.resolve("BOOT-INF/classpath.idx");
        if (Files.exists(index)) {
            for (String line : Files.readAllLines(index)) {
                String entry =
                        line.replaceFirst("^- \"", "").replaceFirst("\"$", "").trim();
                if (!entry.isEmpty()) {
                    urls.add(url(unpacked.resolve(entry)));
                }
            }
        } else {
            try (Stream<Path> libs = Files.list(unpacked.resolve("BOOT-INF/lib"))) {
                for (Path lib : libs.sorted().toList()) {
                    urls.add(url(lib));
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }
}
