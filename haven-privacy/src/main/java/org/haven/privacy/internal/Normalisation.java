package org.haven.privacy.internal;

import java.text.Normalizer;
import java.util.Locale;

import org.haven.schema.DataType;

/**
 * What is tokenised: the value with formatting differences removed, so one person does not get two tokens because
 * one source wrote {@code 943 476 5919} and another {@code 9434765919}.
 */
public final class Normalisation {

    private Normalisation() {
    }

    public static String forTokenising(DataType type, String text) {
        return switch (type) {
            case NHS_NUMBER -> digitsOnly(text);
            case POSTCODE -> withoutWhitespace(text).toUpperCase(Locale.ROOT);
            case EMAIL -> text.strip().toLowerCase(Locale.ROOT);
            case STRING -> Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
            default -> text;
        };
    }

    private static String digitsOnly(String text) {
        if (allDigits(text)) {
            return text; // the typed value of an NHS_NUMBER field already is; no copy on the hot path
        }
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String withoutWhitespace(String text) {
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                result.append(c);
            }
        }
        return result.toString();
    }
}
