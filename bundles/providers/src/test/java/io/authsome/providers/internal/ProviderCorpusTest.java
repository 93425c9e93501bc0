package io.authsome.providers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.authsome.api.provider.InvalidProviderException;
import io.authsome.api.provider.ProviderDefinition;
import io.authsome.api.provider.ProviderProblem;
import io.authsome.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every entry of the bad-input corpus of provider definitions
 * ({@code corpus/provider-definitions.json}): a bad one is refused with a problem naming its
 * field, a borderline valid one is accepted as it means.
 */
class ProviderCorpusTest {
    private static final String ORIGIN = "corpus.json";

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries() throws Exception {
        try (InputStream in = ProviderCorpusTest.class.getResourceAsStream("/corpus/provider-definitions.json")) {
            return (List<Map<String, Object>>) Json.parseObject(in.readAllBytes()).get("entries");
        }
    }

    /** The bytes of an entry: its definition, its raw text, or a generated document. */
    static byte[] bytesOf(Map<String, Object> entry) throws IOException {
        if (entry.containsKey("raw")) {
            return ((String) entry.get("raw")).getBytes(StandardCharsets.UTF_8);
        }
        if (entry.get("generate") instanceof Map<?, ?> generate) {
            if (generate.get("nested") instanceof Long depth) {
                return ("{\"a\":".repeat(depth.intValue()) + "1" + "}".repeat(depth.intValue()))
                        .getBytes(StandardCharsets.UTF_8);
            }
            long size = (Long) generate.get("bytes");
            return ("{\"name\":\"corpus\",\"description\":\"" + "x".repeat((int) size) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return Json.write(entry.get("definition")).getBytes(StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicTest> everyEntryIsRefusedNamingItsFieldOrAcceptedAsMeant() throws Exception {
        return entries().stream().map(entry -> DynamicTest.dynamicTest((String) entry.get("id"), () -> check(entry)));
    }

    private static void check(Map<String, Object> entry) throws Exception {
        byte[] json = bytesOf(entry);
        ProviderParser parser = new ProviderParser();
        if (Boolean.TRUE.equals(entry.get("valid"))) {
            ProviderDefinition definition = parser.parse(json, ORIGIN);
            if (entry.get("injects") != null) {
                assertEquals(entry.get("injects"), definition.injection().describe());
            }
            if (entry.get("env") != null) {
                assertEquals(entry.get("env"), definition.envNames());
            }
            return;
        }
        InvalidProviderException e = assertThrows(InvalidProviderException.class, () -> parser.parse(json, ORIGIN));
        String field = (String) entry.get("field");
        String says = (String) entry.get("says");
        for (ProviderProblem problem : e.problems()) {
            boolean sameField = field == null ? problem.field() == null : field.equals(problem.field());
            if (sameField && problem.message().contains(says)) {
                assertTrue(problem.toString().length() < 400, "a clear, short message: " + problem);
                return;
            }
        }
        fail("no problem for " + field + " saying '" + says + "' in " + e.problems());
    }
}
