package dev.jstack.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into words the way Compose does for {@code command} and {@code entrypoint}: blanks
 * separate words; single quotes keep everything literally; double quotes keep blanks and let a backslash escape
 * {@code "}, {@code \}, {@code $} and {@code `}; outside quotes a backslash escapes the next character.
 * No expansion happens: the words are the program and its arguments.
 */
final class ShellWords {

    private ShellWords() {
    }

    /** The words of {@code text}; an unclosed quote is an IllegalArgumentException naming its offset. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
                i++;
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                if (close < 0) throw new IllegalArgumentException("unclosed single quote at offset " + i);
                word.append(text, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(text, i, word);
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }

    /** Appends the double-quoted part starting at {@code open}; returns the index after its closing quote. */
    private static int doubleQuoted(String text, int open, StringBuilder word) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') return i + 1;
            if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                word.append(text.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unclosed double quote at offset " + open);
    }
}
