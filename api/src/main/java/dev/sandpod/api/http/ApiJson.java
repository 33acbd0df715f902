package dev.sandpod.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON for the API: strict on the way in (unknown, duplicate and missing required fields, wrong types and
 * trailing data are 400 errors naming the field; no silent coercion of 1 to "1"), plain on the way out.
 */
public final class ApiJson {
    public static final ObjectMapper MAPPER = strictMapper();
    private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']+)'");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']+)'");

    private ApiJson() {
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION) // {"a":1,"a":2}: which one did the caller mean?
                .build();
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer, LogicalType.Float)) {
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString)) {
                if (type == LogicalType.Float && shape == CoercionInputShape.Integer) {
                    continue; // 10 for a number of seconds is 10.0: JSON has one kind of number
                }
                mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
            }
        }
        return mapper;
    }

    /** Parses a request body into {@code type}, or says exactly what is wrong with it. */
    public static <T> T read(byte[] body, Class<T> type) throws ApiProblem {
        if (body.length == 0) {
            throw ApiProblem.badRequest("MalformedJson", "the request body is empty; a JSON object was expected", null, Map.of());
        }
        T value;
        try {
            value = MAPPER.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = new ArrayList<>();
            if (e.getKnownPropertyIds() != null) {
                e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            String field = pathOf(e);
            throw ApiProblem.badRequest("UnknownField", "the request has an unknown field '" + field + "'",
                    "known fields: " + String.join(", ", known), Map.of("field", field));
        } catch (MismatchedInputException e) {
            throw mismatched(e, type);
        } catch (StreamReadException e) {
            Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
            if (duplicate.find()) {
                throw ApiProblem.badRequest("DuplicateField", "the request has field '" + duplicate.group(1) + "' twice",
                        "give each field once", Map.of("field", duplicate.group(1)));
            }
            throw ApiProblem.badRequest("MalformedJson", "the request body is not valid JSON: " + e.getOriginalMessage(),
                    "send one JSON object", Map.of("line", e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                            "column", e.getLocation() == null ? 0 : e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw ApiProblem.badRequest("MalformedJson", "the request body can't be read as JSON: " + e.getMessage(), null, Map.of());
        }
        if (value == null) {
            throw ApiProblem.badRequest("MalformedJson", "the request body is null; a JSON object was expected", null, Map.of());
        }
        return value;
    }

    private static ApiProblem mismatched(MismatchedInputException e, Class<?> type) {
        Matcher missing = MISSING.matcher(e.getOriginalMessage());
        if (missing.find()) {
            return ApiProblem.missingField(missing.group(1));
        }
        String field = pathOf(e);
        if (field.isEmpty()) {
            // the body itself is a string, a number or a list: say so without Jackson's words (they name Java classes)
            return ApiProblem.badRequest("MalformedJson", "the request body must be a JSON object", "send one JSON object", Map.of());
        }
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return ApiProblem.badRequest("InvalidField", "field '" + field + "' has the wrong type; it must be " + expected,
                null, Map.of("field", field, "expected", expected));
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an API record always serialises: " + e.getOriginalMessage(), e);
        }
    }
}
