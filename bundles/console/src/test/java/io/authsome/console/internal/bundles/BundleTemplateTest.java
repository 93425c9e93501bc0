package io.authsome.console.internal.bundles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTemplateTest {
    @TempDir
    Path dir;

    @Test
    void everyTemplateFillsAndNamesTheProviderItsInjectorAndTheBuildsVersions() throws Exception {
        BundleTemplate template = BundleTemplate.of("acme-pay", "0.1.0.SNAPSHOT", Path.of("/home/u/.authsome/dropins"));
        List<String> files = template.writeTo(dir);
        assertEquals(List.of("pom.xml", "bnd.bnd", ".gitignore", "README.md", "src/main/resources/provider.json",
                "src/main/java/com/example/authsome/acme_pay/HmacSigningInjector.java"), files);
        for (String file : files) {
            assertFalse(Files.readString(dir.resolve(file)).contains("{{"), file + " has a key left");
        }
        assertTrue(Files.readString(dir.resolve("src/main/resources/provider.json"))
                .contains("\"injector\": \"acme-pay-hmac\""));
        String pom = Files.readString(dir.resolve("pom.xml"));
        assertTrue(pom.contains("<version>0.1.0.SNAPSHOT</version>"), pom);
        assertFalse(pom.contains("${bnd.version}"), "the build filled in its bnd version");
        assertTrue(pom.matches("(?s).*<artifactId>bnd-maven-plugin</artifactId>\\s*<version>\\d+\\.\\d+\\.\\d+</version>.*"), pom);
        String injector = Files.readString(dir.resolve(files.get(5)));
        assertTrue(injector.contains("package com.example.authsome.acme_pay;"));
        assertTrue(injector.contains("\"ACME_PAY_SECRET\""));
        assertEquals("acme-pay-hmac", template.injector());
    }

    @Test
    void aKeyWithoutValueIsRefused() {
        BundleTemplate template = BundleTemplate.of("acme", "1.0.0", Path.of("/tmp"));
        assertEquals("acme-hmac", template.fill("{{injector}}"));
        assertThrows(IllegalStateException.class, () -> template.fill("{{nope}}"));
    }
}
