package org.haven.fhir.internal;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;

/**
 * Parses one resource with HAPI's R4 model, noting every value that does not fit its FHIR type (a date that is no
 * date, a status outside its value set) instead of dropping it quietly. Unknown elements are ignored: servers add
 * their own, and a record only takes what it knows.
 */
public final class R4Resources {

    private R4Resources() {
    }

    /** A parsed resource, or null with the problems that prevented it, and the elements whose values were invalid. */
    public record Parsed<T>(T resource, List<String> problems) {
    }

    public static <T extends IBaseResource> Parsed<T> parse(String json, Class<T> type) {
        ProblemCollector problems = new ProblemCollector();
        // A parser is cheap and not meant to be shared between threads; the context is the expensive part.
        IParser parser = Holder.CONTEXT.newJsonParser().setParserErrorHandler(problems);
        try {
            return new Parsed<>(parser.parseResource(type, json), List.copyOf(problems.problems));
        } catch (DataFormatException | ClassCastException e) {
            return new Parsed<>(null, List.of("not a " + type.getSimpleName() + " resource in JSON"));
        }
    }

    private static final class Holder {
        /** Building the R4 context scans the whole model: once per process. */
        static final FhirContext CONTEXT = FhirContext.forR4();
    }

    private static final class ProblemCollector extends LenientErrorHandler {

        final List<String> problems = new ArrayList<>();

        ProblemCollector() {
            super(false);
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            // The value and HAPI's message (which quotes it) may identify someone: only the element is kept.
            problems.add("invalid value in " + element(location));
        }

        @Override
        public void incorrectJsonType(IParseLocation location, String elementName,
                ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType expected,
                ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType expectedScalar,
                ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType found,
                ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType foundScalar) {
            problems.add("wrong JSON type for " + elementName);
        }

        private static String element(IParseLocation location) {
            String name = location == null ? null : location.getParentElementName();
            return name == null ? "an element" : name;
        }
    }
}
