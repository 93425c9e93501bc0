package io.authsome.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
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
        assertEquals(expected, Suggestions.distance(a, b));
    }

    @Test
    void distanceIsSymmetric() {
        assertEquals(Suggestions.distance("hubspot", "hbspt"), Suggestions.distance("hbspt", "hubspot"));
        assertEquals(Suggestions.distance("notion", "notion_dcr"),
                Suggestions.distance("notion_dcr", "notion"));
    }

    @Test
    void typoSuggestsTheIntendedNameFirst() {
        List<String> suggestions = Suggestions.closest("githb", KNOWN, 3);
        assertEquals("github", suggestions.get(0));
        assertEquals(List.of("github", "gitlab"), suggestions);
    }

    @Test
    void unrelatedNameSuggestsNothing() {
        assertEquals(List.of(), Suggestions.closest("zzzzzzqqq", KNOWN, 3));
        assertEquals(List.of(), Suggestions.closest("salesforce", KNOWN, 3));
    }

    @Test
    void mistypedCaseStillFindsTheName() {
        assertEquals("github", Suggestions.closest("GitHub", KNOWN, 3).get(0));
    }

    @Test
    void prefixSuggestsEveryNameItStarts() {
        assertEquals(List.of("klaviyo", "klaviyo-oauth"), Suggestions.closest("klav", KNOWN, 5));
    }

    @Test
    void containedNameIsSuggested() {
        assertTrue(Suggestions.closest("oauth", KNOWN, 5).contains("klaviyo-oauth"));
    }

    @Test
    void closestComesFirstAndTiesAreAlphabetical() {
        // "notio" is 1 from notion and a prefix of notion_dcr (distance 5)
        assertEquals(List.of("notion", "notion_dcr"), Suggestions.closest("notio", KNOWN, 5));
        // "gitxab" is 1 from gitlab and 2 from github
        assertEquals(List.of("gitlab", "github"), Suggestions.closest("gitxab", KNOWN, 5));
        // equal distance: alphabetical
        List<String> tie = Suggestions.closest("xlack", List.of("slack", "black", "clack"), 5);
        assertEquals(List.of("black", "clack", "slack"), tie);
    }

    @Test
    void resultIsLimitedToMax() {
        assertEquals(List.of("github"), Suggestions.closest("githb", KNOWN, 1));
        assertEquals(List.of(), Suggestions.closest("githb", KNOWN, 0));
    }

    @Test
    void noKnownNamesSuggestsNothing() {
        assertEquals(List.of(), Suggestions.closest("github", List.of(), 3));
    }
}
