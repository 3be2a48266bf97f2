package org.haven.schema.internal;

import java.util.List;
import java.util.Map;

import org.haven.schema.DataType;
import org.haven.schema.IdentifierType;

/**
 * Guesses a field's identifier type from its data type and the words in its name, with the reason. When type and
 * name disagree the more identifying guess wins: a person reviews every guess, and an over-cautious one is caught by
 * a glance, while an under-cautious one leaks. Names are split on underscores, so {@code patient_surname} and
 * {@code first_name} match, and so does {@code drug_name}: that is the price of the rule above.
 */
public final class IdentifierGuess {

    /** Words that name a direct identifier, in the order they are checked. */
    private static final List<String> DIRECT_WORDS = List.of("nhs", "name", "names", "firstname", "forename",
            "forenames", "surname", "lastname", "fullname", "address", "street", "phone", "telephone", "mobile",
            "email", "mrn", "chi", "passport", "ni", "nino");

    /** Words that, with others, can single a person out. */
    private static final List<String> INDIRECT_WORDS = List.of("dob", "birth", "birthdate", "dod", "death", "sex",
            "gender", "ethnicity", "ethnic", "postcode", "zip", "zipcode", "age");

    private static final Map<DataType, IdentifierType> BY_TYPE = Map.of(
            DataType.NHS_NUMBER, IdentifierType.DIRECT,
            DataType.EMAIL, IdentifierType.DIRECT,
            DataType.POSTCODE, IdentifierType.INDIRECT);

    private IdentifierGuess() {
    }

    /** The guess and why: {@code reason} says which type or which word in the name decided it. */
    public record Guess(IdentifierType identifierType, String reason) {
    }

    public static Guess guess(String fieldName, DataType dataType) {
        IdentifierType byType = BY_TYPE.getOrDefault(dataType, IdentifierType.NON_ID);
        String[] words = FieldNames.key(fieldName).split("_");
        String directWord = firstMatch(words, DIRECT_WORDS);
        String indirectWord = firstMatch(words, INDIRECT_WORDS);
        IdentifierType byName = directWord != null ? IdentifierType.DIRECT
                : indirectWord != null ? IdentifierType.INDIRECT : IdentifierType.NON_ID;
        if (byType == IdentifierType.NON_ID && byName == IdentifierType.NON_ID) {
            return new Guess(IdentifierType.NON_ID, "neither the data type nor the name suggests an identifier");
        }
        if (!byName.isMoreIdentifyingThan(byType) && byType != IdentifierType.NON_ID) {
            return new Guess(byType, dataType + " values " + describe(byType));
        }
        String word = byName == IdentifierType.DIRECT ? directWord : indirectWord;
        return new Guess(byName, "the name contains '" + word + "', which " + describe(byName));
    }

    private static String describe(IdentifierType type) {
        return type == IdentifierType.DIRECT ? "identifies a person on its own" : "identifies in combination";
    }

    private static String firstMatch(String[] words, List<String> candidates) {
        for (String candidate : candidates) {
            for (String word : words) {
                if (word.equals(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
