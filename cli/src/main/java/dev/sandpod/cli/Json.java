package dev.sandpod.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerRecord;

/** The JSON shapes of `--output json`; field names are a stable interface for scripts. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode image(ImageRecord image) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", image.manifestDigest().toString());
        ArrayNode names = node.putArray("names");
        image.names().forEach(names::add);
        node.put("mediaType", image.mediaType());
        node.put("config", image.configDigest().toString());
        node.put("platform", image.platform().toString());
        node.put("size", image.size());
        node.put("created", image.createdAt().toString());
        node.put("lastUsed", image.lastUsedAt().toString());
        ArrayNode layers = node.putArray("layers");
        for (LayerRecord layer : image.layers()) {
            layers.addObject()
                    .put("digest", layer.blobDigest().toString())
                    .put("mediaType", layer.mediaType())
                    .put("size", layer.blobSize())
                    .put("diffId", layer.diffId().toString())
                    .put("chainId", layer.chainId().toString());
        }
        return node;
    }

    static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }
}
