package io.authsome.store.internal.connection;

import io.authsome.api.credential.Placeholder;
import io.authsome.api.provider.AuthType;
import io.authsome.api.provider.Provider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds API keys of known providers in {@code .env} files below a folder (a few levels deep,
 * never inside {@code .git} or {@code node_modules}) and in the environment.
 */
final class KeyScanner {
    /** One key found: whose, under which variable, where. The value is a secret: never print it. */
    record Finding(Provider provider, String variable, String source, String value) {
        @Override
        public String toString() {
            return "Finding[" + provider.name() + " " + variable + " at " + source + "]";
        }
    }

    static final int MAX_DEPTH = 4;
    private static final Set<String> SKIPPED = Set.of(".git", "node_modules");

    private final Map<String, Provider> byVariable = new LinkedHashMap<>();

    KeyScanner(List<Provider> providers) {
        for (Provider provider : providers) {
            if (provider.definition().authType() != AuthType.API_KEY) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>(provider.definition().envNames());
            if (provider.definition().apiKey() != null && provider.definition().apiKey().envVar() != null) {
                names.add(provider.definition().apiKey().envVar());
            }
            names.forEach(name -> byVariable.putIfAbsent(name, provider));
        }
    }

    List<Finding> scan(Path root, Map<String, String> environment) throws IOException {
        List<Finding> findings = new ArrayList<>();
        for (Path file : envFiles(root)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            DotEnv.parse(text).forEach((name, variable) -> {
                Provider provider = byVariable.get(name);
                if (provider != null && !variable.value().isBlank() && !Placeholder.is(variable.value())) {
                    findings.add(new Finding(provider, name, root.relativize(file) + ":" + variable.line(), variable.value()));
                }
            });
        }
        byVariable.forEach((name, provider) -> {
            String value = environment.get(name);
            if (value != null && !value.isBlank() && !Placeholder.is(value)) {
                findings.add(new Finding(provider, name, "environment", value.strip()));
            }
        });
        return findings;
    }

    private static List<Path> envFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && (name.equals(".env") || name.startsWith(".env."))) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }
}
