package org.haven.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class JsonSchemaExportTest {

    private final JsonNode exported = JsonSchemaExport.toJsonNode(SchemaJsonTest.CLINIC);

    @Test
    void describesOneRecordInDraft2020_12() {
        assertThat(exported.get("$schema").stringValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(exported.get("type").stringValue()).isEqualTo("object");
        assertThat(exported.get("additionalProperties").booleanValue()).isFalse();
        assertThat(exported.get("required").valueStream().map(JsonNode::stringValue))
                .containsExactly("nhs_number", "seen_at");
        assertThat(exported.get("properties").propertyNames()).containsExactly("nhs_number", "birth_date",
                "weight_kg", "visits", "sex", "ward", "seen_at");
    }

    @Test
    void everyPropertyCarriesTheHavenTypes() {
        JsonNode nhs = exported.get("properties").get("nhs_number");

        assertThat(nhs.get("x-haven-data-type").stringValue()).isEqualTo("NHS_NUMBER");
        assertThat(nhs.get("x-haven-identifier-type").stringValue()).isEqualTo("DIRECT");
        assertThat(nhs.get("type").stringValue()).isEqualTo("string");
        assertThat(nhs.get("description").stringValue()).isEqualTo("NHS number of the patient");
        assertThat("943 476 5919").matches(nhs.get("pattern").stringValue());
    }

    @Test
    void mapsTypesAndConstraints() {
        JsonNode properties = exported.get("properties");

        assertThat(properties.get("birth_date").get("format").stringValue()).isEqualTo("date");
        assertThat(properties.get("birth_date").get("type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(properties.get("birth_date").get("x-haven-minimum").stringValue()).isEqualTo("1900-01-01");
        assertThat(properties.get("seen_at").get("format").stringValue()).isEqualTo("date-time");
        assertThat(properties.get("weight_kg").get("type").get(0).stringValue()).isEqualTo("number");
        assertThat(properties.get("weight_kg").get("maximum").decimalValue()).isEqualByComparingTo("500.25");
        assertThat(properties.get("visits").get("type").get(0).stringValue()).isEqualTo("integer");
        assertThat(properties.get("visits").get("enum").toString()).isEqualTo("[0,1,2,null]");
        assertThat(properties.get("sex").get("enum").toString()).isEqualTo("[\"M\",\"F\",\"U\",null]");
        assertThat(properties.get("ward").get("pattern").stringValue()).isEqualTo("^(?:[A-Z]{2}\\d+)$");
        assertThat(properties.get("ward").get("minLength").intValue()).isEqualTo(3);
        assertThat(properties.get("ward").get("maxLength").intValue()).isEqualTo(8);
    }

    @Test
    void rendersAsJsonText() {
        assertThat(JsonSchemaExport.toJson(SchemaJsonTest.CLINIC)).contains("\"x-haven-identifier-type\" : \"DIRECT\"");
    }
}
