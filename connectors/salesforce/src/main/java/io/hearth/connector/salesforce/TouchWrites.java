package io.hearth.connector.salesforce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.connector.spi.OutgoingTouch;
import io.hearth.connector.spi.WriteResult;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes touches as completed Tasks on the Lead or Contact ({@code WhoId}), each Task keeping the touch id
 * in the {@code touch_id_field} (an Activity field marked Unique and External ID). Idempotent in two ways:
 * before creating, a lookup by touch id (QueryAll, so archived and deleted Tasks count) answers the touches
 * already there with their Task; and creating is never resent once it may have arrived, while the field's
 * uniqueness refuses a second Task for one touch should two writes ever race ({@code DUPLICATE_VALUE}, then
 * answered with the Task that won).
 */
final class TouchWrites {
    /** Task.Description holds at most 32,000 characters. */
    static final int MAX_NOTE_LENGTH = 32_000;
    /** Task.Subject and Task.CallDisposition hold at most 255. */
    static final int MAX_SHORT_TEXT = 255;

    private final SalesforceApi api;
    private final String touchIdField;

    TouchWrites(SalesforceApi api, String touchIdField) {
        this.api = requireNonNull(api, "api is null");
        this.touchIdField = requireNonNull(touchIdField, "touchIdField is null");
    }

    List<WriteResult> write(List<OutgoingTouch> touches) {
        Map<String, WriteResult> byTouch = new HashMap<>();
        Map<String, OutgoingTouch> toWrite = new LinkedHashMap<>();
        for (OutgoingTouch touch : touches) {
            String whoId = touch.personExternalId();
            if (whoId == null || PersonObject.ofId(whoId).isEmpty()) {
                byTouch.put(
                        touch.touchId(),
                        WriteResult.failed(
                                touch.touchId(),
                                "the person " + touch.personHearthId()
                                        + " has no Salesforce Lead or Contact id yet; write the person first"));
            } else {
                // the same touch twice in one call is written once, and both get its Task
                toWrite.putIfAbsent(touch.touchId(), touch);
            }
        }
        for (List<OutgoingTouch> chunk : PersonWrites.chunks(new ArrayList<>(toWrite.values()))) {
            Map<String, String> existing =
                    find(chunk.stream().map(OutgoingTouch::touchId).toList());
            List<OutgoingTouch> missing = new ArrayList<>();
            for (OutgoingTouch touch : chunk) {
                String taskId = existing.get(touch.touchId());
                if (taskId != null) {
                    byTouch.put(touch.touchId(), WriteResult.written(touch.touchId(), taskId));
                } else {
                    missing.add(touch);
                }
            }
            if (!missing.isEmpty()) {
                create(missing, byTouch);
            }
        }
        return touches.stream().map(touch -> byTouch.get(touch.touchId())).toList();
    }

    private void create(List<OutgoingTouch> touches, Map<String, WriteResult> byTouch) {
        List<JsonNode> answers = api.create(touches.stream().map(this::task).toList());
        List<String> raced = new ArrayList<>();
        for (int k = 0; k < touches.size(); k++) {
            OutgoingTouch touch = touches.get(k);
            RecordResult result = RecordResult.of(answers.get(k));
            if (result.success() && result.id() != null) {
                byTouch.put(touch.touchId(), WriteResult.written(touch.touchId(), result.id()));
            } else if (result.failedWith("DUPLICATE_VALUE")) {
                raced.add(touch.touchId());
            } else {
                byTouch.put(
                        touch.touchId(),
                        WriteResult.failed(touch.touchId(), "Salesforce refused the Task: " + result.errors()));
            }
        }
        if (!raced.isEmpty()) {
            Map<String, String> winners = find(raced);
            for (String touchId : raced) {
                String taskId = winners.get(touchId);
                byTouch.put(
                        touchId,
                        taskId != null
                                ? WriteResult.written(touchId, taskId)
                                : WriteResult.failed(
                                        touchId,
                                        "Salesforce refused the Task as a duplicate of " + touchIdField
                                                + ", yet no Task has this touch id"));
            }
        }
    }

    /** The Tasks already holding these touch ids, the oldest for each, by touch id. */
    private Map<String, String> find(List<String> touchIds) {
        String soql = "SELECT Id, " + touchIdField + " FROM Task WHERE " + touchIdField + " IN " + Soql.inList(touchIds)
                + " ORDER BY CreatedDate ASC, Id ASC";
        Map<String, String> tasks = new HashMap<>();
        for (JsonNode task : api.lookupAll(soql)) {
            String touchId = task.path(touchIdField).asText("");
            String taskId = task.path("Id").asText("");
            if (!touchId.isEmpty() && Soql.isId(taskId)) {
                tasks.putIfAbsent(touchId, taskId);
            }
        }
        return tasks;
    }

    /** A completed Task: a Call or an Email where Salesforce has the subtype, a plain Task for other channels. */
    ObjectNode task(OutgoingTouch touch) {
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        task.putObject("attributes").put("type", "Task");
        task.put("WhoId", touch.personExternalId());
        task.put(
                "Subject",
                clip(
                        label(touch.channel())
                                + (touch.outcome() == null
                                        ? ""
                                        : ": " + touch.outcome().replace('-', ' ')),
                        MAX_SHORT_TEXT));
        task.put("Status", "Completed");
        task.put(
                "ActivityDate",
                touch.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        task.put(
                "TaskSubtype",
                switch (touch.channel()) {
                    case "phone" -> "Call";
                    case "email" -> "Email";
                    default -> "Task";
                });
        if (touch.channel().equals("phone") && touch.outcome() != null) {
            task.put("CallDisposition", clip(touch.outcome(), MAX_SHORT_TEXT));
        }
        if (touch.note() != null && !touch.note().isBlank()) {
            task.put("Description", clip(touch.note(), MAX_NOTE_LENGTH));
        }
        task.put(touchIdField, touch.touchId());
        return task;
    }

    /** A channel as a person reads it; a channel Hearth adds later reads as its own words. */
    private static String label(String channel) {
        return switch (channel) {
            case "phone" -> "Call";
            case "email" -> "Email";
            case "sms" -> "SMS";
            default -> {
                String words = channel.replace('-', ' ');
                yield words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
            }
        };
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
