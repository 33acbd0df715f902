package dev.sandpod.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigReaderTest {
    @TempDir
    Path dir;

    private SandpodConfig read(String text) throws IOException, ConfigException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, text);
        return ConfigReader.read(file);
    }

    private ConfigException fails(String text) {
        return assertThrows(ConfigException.class, () -> read(text));
    }

    @Test
    void aMissingFileMeansDefaults() throws Exception {
        SandpodConfig config = ConfigReader.read(dir.resolve("absent.json"));
        assertTrue(config.storeMaxBytes().isEmpty());
    }

    @Test
    void readsEverySetting() throws Exception {
        SandpodConfig config = read("""
                {
                  "insecureRegistries": ["registry.lab:5000"],
                  "mirrors": {"docker.io": {"endpoints": ["127.0.0.1:5001"], "fallback": false}},
                  "store": {"maxSize": "20GiB"},
                  "registryTimeoutSeconds": 7
                }
                """);
        assertEquals(20L << 30, config.storeMaxBytes().getAsLong());
        assertEquals(Duration.ofSeconds(7), config.registryTimeout());
        assertTrue(config.insecureRegistries().contains("registry.lab:5000"));
        assertEquals(false, config.mirrors().get("docker.io").fallback());
    }

    @Test
    void invalidJsonNamesFileAndLine() {
        ConfigException e = fails("{\n  \"store\": {}\n  \"x\": 1\n}");
        assertTrue(e.getMessage().startsWith(dir.resolve("config.json") + ":3: not valid JSON"), e.getMessage());
    }

    @Test
    void duplicateKeysAreRejected() {
        ConfigException e = fails("{\"store\": {}, \"store\": {}}");
        assertTrue(e.getMessage().contains("store"), e.getMessage());
    }

    @Test
    void unknownKeysNameTheirPathAndLine() {
        ConfigException e = fails("{\n  \"mirrors\": {\"docker.io\": {\n    \"endpoints\": [\"m:5000\"],\n    \"fallbak\": true}}\n}");
        assertTrue(e.getMessage().contains(":4: field 'mirrors.docker.io.fallbak': unknown setting"), e.getMessage());
    }

    @Test
    void wrongTypesNameTheField() {
        assertTrue(fails("{\"insecureRegistries\": [1]}").getMessage().contains("field 'insecureRegistries'"));
        assertTrue(fails("{\"registryTimeoutSeconds\": 0}").getMessage().contains("field 'registryTimeoutSeconds'"));
        assertTrue(fails("{\"registryTimeoutSeconds\": 1.5}").getMessage().contains("field 'registryTimeoutSeconds'"));
        assertTrue(fails("{\"store\": []}").getMessage().contains("field 'store'"));
        assertTrue(fails("{\"store\": {\"maxSize\": \"big\"}}").getMessage().contains("field 'store.maxSize'"));
        assertTrue(fails("{\"mirrors\": {\"docker.io\": {\"endpoints\": [], \"fallback\": true}}}").getMessage()
                .contains("field 'mirrors.docker.io.endpoints'"));
        assertTrue(fails("{\"mirrors\": {\"docker.io\": {\"endpoints\": [\"m\"], \"fallback\": \"no\"}}}").getMessage()
                .contains("field 'mirrors.docker.io.fallback'"));
        assertTrue(fails("[1, 2]").getMessage().contains("must be a JSON object"));
    }

    @Test
    void aStoreSizeMayBeAWholeNumberOfBytesButNotAnotherType() throws Exception {
        assertEquals(3_000_000L, read("{\"store\": {\"maxSize\": 3000000}}").storeMaxBytes().getAsLong());
        assertTrue(fails("{\"store\": {\"maxSize\": true}}").getMessage().contains("field 'store.maxSize'"));
        assertTrue(fails("{\"store\": {\"maxSize\": 1.5}}").getMessage().contains("field 'store.maxSize'"));
    }

    @Test
    void everyErrorHasAHint() {
        assertTrue(fails("{\"nope\": 1}").hint().isPresent());
    }
}
