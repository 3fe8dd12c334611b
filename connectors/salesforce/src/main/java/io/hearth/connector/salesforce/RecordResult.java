package io.hearth.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One record's result in an sObject Collections answer:
 * {@code {"id":"00Q...","success":true,"errors":[]}} or
 * {@code {"success":false,"errors":[{"statusCode":"INVALID_EMAIL_ADDRESS","message":"...","fields":["Email"]}]}}.
 */
record RecordResult(boolean success, String id, List<String> codes, String errors) {
    /** At most this much of Salesforce's error text goes into a result, which Hearth keeps with the run. */
    static final int MAX_ERROR_LENGTH = 500;

    static RecordResult of(JsonNode result) {
        List<String> codes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (JsonNode error : result.path("errors")) {
            String code = error.path("statusCode").asText("");
            codes.add(code);
            List<String> fields = new ArrayList<>();
            error.path("fields").forEach(field -> fields.add(field.asText()));
            texts.add(code + ": " + error.path("message").asText("no message")
                    + (fields.isEmpty() ? "" : " (fields: " + String.join(", ", fields) + ")"));
        }
        String id = result.path("id").isTextual() ? result.path("id").asText() : null;
        String errors = texts.isEmpty() ? "no reason given" : String.join("; ", texts);
        return new RecordResult(
                result.path("success").asBoolean(false),
                id,
                List.copyOf(codes),
                errors.length() <= MAX_ERROR_LENGTH ? errors : errors.substring(0, MAX_ERROR_LENGTH - 1) + "…");
    }

    boolean failedWith(String code) {
        return !success && codes.contains(code);
    }
}
