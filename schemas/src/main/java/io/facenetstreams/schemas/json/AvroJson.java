package io.facenetstreams.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Renders decoded Avro values (generic or generated) as JSON for humans and tools: records as objects in
 * schema field order, bytes as base64, timestamps as ISO-8601 strings.
 */
public final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    public static JsonNode toJson(Object value) {
        return toJson(value, null);
    }

    private static JsonNode toJson(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof IndexedRecord record) {
            ObjectNode node = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), toJson(record.get(field.pos()), field.schema()));
            }
            return node;
        }
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
            return NODES.textNode(value.toString());
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof GenericFixed fixed) {
            return NODES.textNode(Base64.getEncoder().encodeToString(fixed.bytes()));
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof Long l && isTimestampMillis(schema)) {
            return NODES.textNode(Instant.ofEpochMilli(l).toString());
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            Schema itemSchema = schema != null && schema.getType() == Schema.Type.ARRAY ? schema.getElementType() : null;
            items.forEach(item -> array.add(toJson(item, itemSchema)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((k, v) -> node.set(k.toString(), toJson(v, null)));
            return node;
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(value.toString());
    }

    private static boolean isTimestampMillis(Schema schema) {
        if (schema == null) {
            return false;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().anyMatch(AvroJson::isTimestampMillis);
        }
        return schema.getLogicalType() != null && "timestamp-millis".equals(schema.getLogicalType().getName());
    }
}
