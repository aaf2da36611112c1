package org.billrun.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The java command line the functional tests start billrun with. Each test starts billrun hundreds of times, and most
 * of a short command's CPU goes into the JVM loading and verifying the same few thousand classes again. So, once per
 * build of the jar, the packaged jar is extracted the way Spring Boot recommends for production ({@code java
 * -Djarmode=tools -jar billrun.jar extract}: the same classes and resources, the dependencies as plain jars next to the
 * application's) and a training run of the tiny firm records the classes it loads in a dynamic class data sharing
 * archive (AppCDS, {@code -XX:ArchiveClassesAtExit}); every later start maps that archive instead of loading the
 * classes (measured: about half the CPU of a short command). The two failsafe forks share one archive under the jar's folder,
 * prepared under a file lock by whichever asks first.
 *
 * <p>A test that must run the packaged jar itself passes {@code -Dbillrun.cds=false} (every command of that JVM) or
 * starts it without this class (ProgressFunctionalTests does). When the archive cannot be prepared, the commands run the
 * packaged jar and the reason is printed once.
 */
final class BillrunLaunch {

    /** The options scripts/billrun runs the jar with (scripts/jvm.options): C1 only and the serial collector start a short command faster. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * JDK 17 prints its own warnings (a class data archive that does not map, for one) on stdout, where billrun's
     * JSON goes: the tests' JVMs print them on stderr.
     */
    private static final List<String> JVM_WARNINGS_ON_STDERR = List.of("-Xlog:disable", "-Xlog:all=warning:stderr");

    private static List<String> command;

    private BillrunLaunch() {}

    /** {@code java} and its options up to the first argument of billrun. */
    static synchronized List<String> command() {
        if (command == null) {
            Path jar = Path.of(System.getProperty("billrun.jar", "target/billrun.jar")).toAbsolutePath();
            command = Boolean.parseBoolean(System.getProperty("billrun.cds", "true")) ? withArchive(jar) : packagedJar(jar);
        }
        return command;
    }

    private static List<String> packagedJar(Path jar) {
        List<String> packaged = new ArrayList<>(List.of(java()));
        packaged.addAll(JVM_OPTIONS);
        packaged.addAll(List.of("-jar", jar.toString()));
        return List.copyOf(packaged);
    }

    private static List<String> withArchive(Path jar) {
        Path folder = jar.resolveSibling(jar.getFileName() + "-cds");
        try {
            Files.createDirectories(folder.getParent());
            try (FileChannel lockFile = FileChannel.open(folder.resolveSibling(folder.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                Path extracted = folder.resolve("app").resolve(jar.getFileName());
                Path archive = folder.resolve("billrun.jsa");
                Path stamp = folder.resolve("built-from");
                String builtFrom = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
                if (!Files.exists(stamp) || !Files.readString(stamp).equals(builtFrom)) {
                    long started = System.nanoTime();
                    prepare(jar, folder, extracted, archive);
                    List<String> launch = archived(extracted, archive);
                    check(launch, folder);
                    Files.writeString(stamp, builtFrom);
                    System.err.printf("billrun's class data archive prepared in %d s: %s%n",
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), archive);
                }
                return archived(extracted, archive);
            }
        } catch (Exception | AssertionError e) {
            System.err.println("billrun's class data archive could not be prepared, the tests run the packaged jar: " + e);
            return packagedJar(jar);
        }
    }

    private static List<String> archived(Path extracted, Path archive) {
        List<String> launch = new ArrayList<>(List.of(java()));
        launch.addAll(JVM_OPTIONS);
        launch.add("-XX:SharedArchiveFile=" + archive);
        launch.addAll(JVM_WARNINGS_ON_STDERR);
        launch.addAll(List.of("-jar", extracted.toString()));
        return List.copyOf(launch);
    }

    /** Extracts the jar and records the classes a run of the tiny firm loads (the run touches every stage's code). */
    private static void prepare(Path jar, Path folder, Path extracted, Path archive) throws Exception {
        deleteRecursively(folder);
        Files.createDirectories(folder);
        exec(folder, List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                extracted.getParent().toString()));
        List<String> training = new ArrayList<>(List.of(java()));
        training.addAll(JVM_OPTIONS);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        training.addAll(JVM_WARNINGS_ON_STDERR);
        training.addAll(List.of("-jar", extracted.toString(), "--db-url", TestDatabase.createDatabase("cds_training"),
                "--db-user", "postgres", "--reports-dir", folder.resolve("training-reports").toString(),
                "run", "--period", "2026-10", "--input", TestFirms.TINY.toAbsolutePath().toString()));
        exec(folder, training);
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the training run wrote no archive " + archive);
        }
    }

    /** The archive must map, and the JVM must say nothing on stdout about it. */
    private static void check(List<String> launch, Path folder) throws Exception {
        List<String> version = new ArrayList<>(launch);
        version.add(version.indexOf("-jar"), "-Xshare:on");
        version.add("--version");
        String stdout = exec(folder, version);
        if (!stdout.strip().matches("billrun \\S+")) {
            throw new IllegalStateException("billrun --version with the archive printed: " + stdout);
        }
    }

    private static String exec(Path folder, List<String> command) throws Exception {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(out.toFile())
                .redirectError(folder.resolve("last-stderr.txt").toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 5 minutes");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": "
                    + Files.readString(folder.resolve("last-stderr.txt"), StandardCharsets.UTF_8));
        }
        return stdout;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
