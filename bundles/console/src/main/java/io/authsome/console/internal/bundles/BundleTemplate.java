package io.authsome.console.internal.bundles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Maven project of a provider bundle with code, from the templates shipped in this bundle
 * ({@code templates/code-provider/}): a pom built with bnd, the provider definition, an HMAC
 * request-signing injector and a README. Each {@code {{key}}} of a template is replaced by the
 * value of that key; a key without a value is a bug of the template, refused.
 */
final class BundleTemplate {
    private static final String ROOT = "templates/code-provider/";
    private static final Pattern KEY = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private final Map<String, String> values;

    private BundleTemplate(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param name       the provider's name, which names the project, the bundle and the injector
     * @param apiVersion the version of the API jar the project compiles against
     * @param dropins    the drop-in folder the README tells the user to copy the jar to
     */
    static BundleTemplate of(String name, String apiVersion, Path dropins) {
        String ident = name.replace('-', '_');
        if (Character.isDigit(ident.charAt(0))) {
            ident = "p" + ident;
        }
        String javaPackage = "com.example.authsome." + ident;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("ident", ident);
        values.put("package", javaPackage);
        values.put("packagePath", javaPackage.replace('.', '/'));
        values.put("injector", name + "-hmac");
        values.put("envPrefix", name.toUpperCase(Locale.ROOT).replace('-', '_'));
        values.put("apiVersion", apiVersion);
        values.put("bndVersion", versions().getProperty("bnd.version"));
        values.put("dropins", dropins.toString());
        return new BundleTemplate(values);
    }

    /** The injector id the provider definition names. */
    String injector() {
        return values.get("injector");
    }

    /** Writes the project's files under {@code dir}; returns their paths relative to it. */
    List<String> writeTo(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml.tmpl", "pom.xml");
        files.put("bnd.bnd.tmpl", "bnd.bnd");
        files.put("gitignore.tmpl", ".gitignore");
        files.put("README.md.tmpl", "README.md");
        files.put("provider.json.tmpl", "src/main/resources/provider.json");
        files.put("Injector.java.tmpl", "src/main/java/" + values.get("packagePath") + "/HmacSigningInjector.java");
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = dir.resolve(file.getValue());
            Files.createDirectories(target.getParent());
            Files.writeString(target, fill(read(file.getKey())));
            written.add(file.getValue());
        }
        return written;
    }

    String fill(String template) {
        Matcher matcher = KEY.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("template key {{" + matcher.group(1) + "}} has no value");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private static String read(String template) {
        try (InputStream in = BundleTemplate.class.getClassLoader().getResourceAsStream(ROOT + template)) {
            if (in == null) {
                throw new IllegalStateException("the console bundle lacks its template " + template);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties versions() {
        Properties versions = new Properties();
        try (InputStream in = BundleTemplate.class.getClassLoader().getResourceAsStream(ROOT + "versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("the console bundle lacks its template versions.properties");
            }
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }
}
