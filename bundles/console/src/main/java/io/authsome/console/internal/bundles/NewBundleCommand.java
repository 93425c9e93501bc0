package io.authsome.console.internal.bundles;

import io.authsome.api.AuthsomeException;
import io.authsome.api.ErrorCode;
import io.authsome.api.command.AuthsomeCommand;
import io.authsome.api.command.CommandContext;
import io.authsome.api.command.CommandResult;
import io.authsome.api.command.Text;
import io.authsome.api.plugin.CredentialInjector;
import io.authsome.common.trust.DropinLocation;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bundles new <name> [--dir <dir>]}: writes the Maven project of a provider bundle with
 * code (an HMAC request-signing injector) that builds offline against the installed API, and
 * says what to do next. The project appears whole or not at all, and never over an existing one.
 */
@Command(name = "new", description = {"Create the Maven project of a provider bundle with code.",
        "It holds an injector that signs requests with HMAC-SHA256, its provider.json,",
        "and a pom that builds it against this installation's API (mvn -o package)."})
final class NewBundleCommand implements AuthsomeCommand {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}[a-z0-9]");

    @Parameters(index = "0", paramLabel = "<name>", description = "The provider's name: lowercase letters, digits and -.")
    private String name;

    @Option(names = "--dir", paramLabel = "<dir>", description = "Where to create the project (default: ./<name>); must not exist.")
    private String dir;

    @Override
    public CommandResult execute(CommandContext context) throws AuthsomeException {
        if (!NAME.matcher(name).matches()) {
            throw new AuthsomeException(ErrorCode.USAGE, "'" + name + "' is not a provider name: 2 to 64 lowercase"
                    + " letters, digits and -, starting with a letter and not ending with -", "authsome help bundles");
        }
        Path target = context.workingDirectory().resolve(dir == null ? name : dir).normalize();
        if (Files.exists(target)) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, target + " exists: the project is made in a new folder",
                    "authsome bundles new " + name + " --dir <another folder>");
        }
        Path api = apiJar();
        BundleTemplate template = BundleTemplate.of(name, FrameworkUtil.getBundle(CredentialInjector.class)
                .getVersion().toString(), context.home().dropins());
        List<String> files = write(target, template, api);
        List<String> next = List.of(
                "cd " + target,
                "mvn package",
                "cp target/" + name + "-1.0.0.jar " + context.home().dropins() + "/",
                "authsome bundles trust " + name + "-1.0.0.jar",
                "authsome login " + name,
                "authsome run -- curl https://api." + name + ".example/");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("directory", target.toString());
        data.put("provider", name);
        data.put("injector", template.injector());
        data.put("files", files);
        data.put("next", next);
        List<String> lines = new ArrayList<>();
        lines.add("Created " + target + ": provider " + name + " with the HMAC request-signing injector "
                + template.injector() + ". Set its API host in src/main/resources/provider.json (api_url), then:");
        next.forEach(step -> lines.add("  " + step));
        return CommandResult.of(data, new Text(String.join("\n", lines)));
    }

    /** Writes the project in a private folder beside {@code target}, then moves it into place. */
    private static List<String> write(Path target, BundleTemplate template, Path api) throws AuthsomeException {
        Path parent = target.getParent();
        Path partial = null;
        try {
            Files.createDirectories(parent);
            partial = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
            List<String> files = new ArrayList<>(template.writeTo(partial));
            Files.createDirectories(partial.resolve("lib"));
            Files.copy(api, partial.resolve("lib/io.authsome.api.jar"));
            files.add("lib/io.authsome.api.jar");
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
            partial = null;
            return files;
        } catch (FileAlreadyExistsException e) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, target + " exists: the project is made in a new folder",
                    "authsome bundles new <name> --dir <another folder>");
        } catch (IOException e) {
            throw new AuthsomeException(ErrorCode.INVALID_INPUT, "cannot create " + target + ": " + e.getMessage(),
                    "check that its folder is writable");
        } finally {
            deleteQuietly(partial);
        }
    }

    /** The jar of the installed API bundle, which the project compiles against. */
    private static Path apiJar() throws AuthsomeException {
        Bundle api = FrameworkUtil.getBundle(CredentialInjector.class);
        Path jar = DropinLocation.file(api.getLocation()).orElse(null);
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new AuthsomeException(ErrorCode.RUNTIME_UNAVAILABLE, "the API bundle's jar is not a file ("
                    + api.getLocation() + ")", "run bundles new from an installed authsome");
        }
        return jar;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover hidden folder beside the target; nothing of the user's is lost
        }
    }
}
