package dev.latchkey.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON in and out, built once. Reading is strict: the body must be a JSON object, strings must be
 * JSON strings (no coercion of numbers or booleans), and required fields are checked with Bean
 * Validation on the request records, so every field error comes back at once.
 */
final class Json {

    private final ObjectMapper mapper;
    private final Validator validator;

    Json() {
        JsonMapper jsonMapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // A body is one JSON object with each key once; anything else is malformed.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        jsonMapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        jsonMapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
        this.mapper = jsonMapper;
        this.validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory()
                .getValidator();
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a request record from a body: 400 malformed_json unless it is a JSON object, 400
     * validation_failed for fields of the wrong type, holding a lone surrogate, or missing.
     */
    <T> T read(byte[] body, Class<T> type) {
        ObjectNode object = object(body);
        Map<String, List<String>> errors = new TreeMap<>();
        for (var component : type.getRecordComponents()) {
            String field = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component.getName());
            JsonNode value = object.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                errors.put(field, new ArrayList<>(List.of("Not a valid string.")));
            } else if (value != null && value.isTextual() && hasLoneSurrogate(value.textValue())) {
                errors.put(field, new ArrayList<>(List.of("Not valid text: it holds a lone surrogate.")));
            }
        }
        T request;
        try {
            request = errors.isEmpty() ? mapper.treeToValue(object, type) : null;
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "non_field_errors" : e.getPath().get(0).getFieldName();
            throw HttpFailure.fields(Map.of(field, List.of("Not a valid value.")));
        } catch (JsonProcessingException e) {
            throw HttpFailure.of(HttpFailure.Kind.MALFORMED_JSON, "The body is not a JSON object.");
        }
        if (request != null) {
            for (ConstraintViolation<T> violation : validator.validate(request)) {
                String field = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(
                        violation.getPropertyPath().toString());
                errors.computeIfAbsent(field, f -> new ArrayList<>()).add(violation.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw HttpFailure.fields(errors);
        }
        return request;
    }

    private ObjectNode object(byte[] body) {
        try {
            // Strict UTF-8 first: an overlong or broken sequence must not be decoded into a letter.
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte-order mark is allowed before JSON text
            }
            JsonNode node = mapper.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (HttpFailure e) {
            throw e;
        } catch (IOException e) {
            // Falls through: any unreadable body is answered the same way.
        } catch (RuntimeException e) {
            throw HttpFailure.of(HttpFailure.Kind.MALFORMED_JSON, "The body is not a JSON object.");
        }
        throw HttpFailure.of(HttpFailure.Kind.MALFORMED_JSON, "The body is not a JSON object.");
    }


    /**
     * Whether {@code text} holds a lone surrogate, as a JSON escape like \\ud800 with no partner
     * can put there. Such a string is not text: any encoding would turn it into some other character,
     * so that different strings (passwords) would be taken for the same one.
     */
    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
