package org.haven.fhir;

import java.util.List;

/** FHIR source settings that cannot be used, with every problem found. */
public class FhirSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public FhirSettingsException(List<String> problems) {
        super("invalid FHIR source settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
