package io.authsome.providers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameSuggestionsTest {
    private static final List<String> KNOWN = List.of("github", "gitlab", "google", "slack", "linear",
            "notion", "notion_dcr", "hubspot", "klaviyo", "klaviyo-oauth", "openai");

    @ParameterizedTest(name = "distance({0}, {1}) = {2}")
    @CsvSource({
            "'', '', 0",
            "'', abc, 3",
            "abc, '', 3",
            "github, github, 0",
            "githb, github, 1",
            "gihtub, github, 2",
            "kitten, sitting, 3",
            "flaw, lawn, 2",
            "githb, gitlab, 2",
            "slack, github, 6"})
    void distanceIsLevenshtein(String a, String b, int expected) {
        assertEquals(expected, NameSuggestions.distance(a, b));
    }

    @Test
    void distanceIsSymmetric() {
        assertEquals(NameSuggestions.distance("hubspot", "hbspt"), NameSuggestions.distance("hbspt", "hubspot"));
        assertEquals(NameSuggestions.distance("notion", "notion_dcr"),
                NameSuggestions.distance("notion_dcr", "notion"));
    }

    @Test
    void typoSuggestsTheIntendedNameFirst() {
        List<String> suggestions = NameSuggestions.closest("githb", KNOWN, 3);
        assertEquals("github", suggestions.get(0));
        assertEquals(List.of("github", "gitlab"), suggestions);
    }

    @Test
    void unrelatedNameSuggestsNothing() {
        assertEquals(List.of(), NameSuggestions.closest("zzzzzzqqq", KNOWN, 3));
        assertEquals(List.of(), NameSuggestions.closest("salesforce", KNOWN, 3));
    }

    @Test
    void mistypedCaseStillFindsTheName() {
        assertEquals("github", NameSuggestions.closest("GitHub", KNOWN, 3).get(0));
    }

    @Test
    void prefixSuggestsEveryNameItStarts() {
        assertEquals(List.of("klaviyo", "klaviyo-oauth"), NameSuggestions.closest("klav", KNOWN, 5));
    }

    @Test
    void containedNameIsSuggested() {
        assertTrue(NameSuggestions.closest("oauth", KNOWN, 5).contains("klaviyo-oauth"));
    }

    @Test
    void closestComesFirstAndTiesAreAlphabetical() {
        // "notio" is 1 from notion and a prefix of notion_dcr (distance 5)
        assertEquals(List.of("notion", "notion_dcr"), NameSuggestions.closest("notio", KNOWN, 5));
        // "gitxab" is 1 from gitlab and 2 from github
        assertEquals(List.of("gitlab", "github"), NameSuggestions.closest("gitxab", KNOWN, 5));
        // equal distance: alphabetical
        List<String> tie = NameSuggestions.closest("xlack", List.of("slack", "black", "clack"), 5);
        assertEquals(List.of("black", "clack", "slack"), tie);
    }

    @Test
    void resultIsLimitedToMax() {
        assertEquals(List.of("github"), NameSuggestions.closest("githb", KNOWN, 1));
        assertEquals(List.of(), NameSuggestions.closest("githb", KNOWN, 0));
    }

    @Test
    void noKnownNamesSuggestsNothing() {
        assertEquals(List.of(), NameSuggestions.closest("github", List.of(), 3));
    }
}
