package dev.sandpod.image.oci;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestsTest {
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);
    private static final String D3 = "sha256:" + "3".repeat(64);

    private static ParsedManifest parse(String json, String contentType) throws ManifestException {
        return Manifests.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), contentType, "test origin");
    }

    private static String manifest(String mediaType, String layerType) {
        return "{'schemaVersion':2," + (mediaType == null ? "" : "'mediaType':'" + mediaType + "',")
                + "'config':{'mediaType':'application/vnd.oci.image.config.v1+json','digest':'" + D1 + "','size':10},"
                + "'layers':[{'mediaType':'" + layerType + "','digest':'" + D2 + "','size':20}]}";
    }

    @Test
    void parsesAnOciManifest() throws Exception {
        ImageManifest m = assertInstanceOf(ImageManifest.class, parse(manifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_LAYER_GZIP), ""));
        assertEquals(D1, m.config().digest().toString());
        assertEquals(10, m.config().size());
        assertEquals(1, m.layers().size());
        assertEquals(20, m.layers().getFirst().size());
    }

    @Test
    void parsesADockerSchema2Manifest() throws Exception {
        ImageManifest m = assertInstanceOf(ImageManifest.class, parse(manifest(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER_GZIP), ""));
        assertEquals(MediaTypes.DOCKER_MANIFEST, m.mediaType());
    }

    @Test
    void anOciManifestWithoutMediaTypeIsRecognisedByShapeOrContentType() throws Exception {
        assertInstanceOf(ImageManifest.class, parse(manifest(null, MediaTypes.OCI_LAYER), null));
        assertEquals(MediaTypes.DOCKER_MANIFEST,
                ((ImageManifest) parse(manifest(null, MediaTypes.OCI_LAYER), MediaTypes.DOCKER_MANIFEST)).mediaType());
    }

    private static String index(String mediaType) {
        return "{'schemaVersion':2,'mediaType':'" + mediaType + "','manifests':["
                + "{'mediaType':'" + MediaTypes.OCI_MANIFEST + "','digest':'" + D1 + "','size':1,'platform':{'os':'linux','architecture':'arm64','variant':'v8'}},"
                + "{'mediaType':'" + MediaTypes.OCI_MANIFEST + "','digest':'" + D2 + "','size':2,'platform':{'os':'linux','architecture':'amd64'}},"
                + "{'mediaType':'application/vnd.oci.image.manifest.v1+json','digest':'" + D3 + "','size':3,'platform':{'os':'unknown','architecture':'unknown'}}]}";
    }

    @Test
    void parsesOciIndexesAndDockerManifestLists() throws Exception {
        for (String type : new String[]{MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST}) {
            ManifestList list = assertInstanceOf(ManifestList.class, parse(index(type), ""));
            assertEquals(3, list.manifests().size());
            assertEquals(Optional.of(new Platform("linux", "arm64", Optional.of("v8"))), list.manifests().getFirst().platform());
        }
    }

    @Test
    void selectPicksTheFirstManifestForThePlatform() throws Exception {
        ManifestList list = (ManifestList) parse(index(MediaTypes.OCI_INDEX), "");
        assertEquals(D2, list.select(Platform.parse("linux/amd64")).orElseThrow().digest().toString());
        assertEquals(D1, list.select(Platform.parse("linux/arm64")).orElseThrow().digest().toString());
        assertEquals(D1, list.select(Platform.parse("linux/aarch64/v8")).orElseThrow().digest().toString());
        assertEquals(Optional.empty(), list.select(Platform.parse("linux/arm64/v7")));
        assertEquals(Optional.empty(), list.select(Platform.parse("windows/amd64")));
        assertTrue(list.offeredPlatforms().contains("linux/arm64/v8"), list.offeredPlatforms());
    }

    @Test
    void selectSkipsEntriesThatAreNotImageManifests() throws Exception {
        ManifestList list = (ManifestList) parse("{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_INDEX + "','manifests':["
                + "{'mediaType':'application/vnd.in-toto+json','digest':'" + D1 + "','size':1,'platform':{'os':'linux','architecture':'amd64'}},"
                + "{'mediaType':'" + MediaTypes.OCI_MANIFEST + "','digest':'" + D2 + "','size':2,'platform':{'os':'linux','architecture':'amd64'}}]}", "");
        assertEquals(D2, list.select(Platform.parse("linux/amd64")).orElseThrow().digest().toString());
    }

    @Test
    void anUnknownMediaTypeIsRejectedNamingIt() {
        var e = assertThrows(ManifestException.class, () -> parse(manifest("application/vnd.example+json", MediaTypes.OCI_LAYER), ""));
        assertTrue(e.getMessage().contains("test origin") && e.getMessage().contains("application/vnd.example+json"), e.getMessage());
    }

    @Test
    void aNonLayerMediaTypeIsRejected() {
        var e = assertThrows(ManifestException.class, () -> parse(manifest(MediaTypes.OCI_MANIFEST, "application/vnd.cncf.helm.chart.content.v1.tar+gzip"), ""));
        assertTrue(e.getMessage().contains("not a container filesystem layer"), e.getMessage());
    }

    @Test
    void schemaVersion1IsRejected() {
        var e = assertThrows(ManifestException.class, () -> parse("{'schemaVersion':1,'name':'x'}", ""));
        assertTrue(e.getMessage().contains("schemaVersion"), e.getMessage());
    }

    @Test
    void missingOrBadFieldsAreRejected() {
        String noConfig = "{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_MANIFEST + "','layers':[]}";
        assertTrue(assertThrows(ManifestException.class, () -> parse(noConfig, "")).getMessage().contains("config"));
        String noSize = manifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_LAYER).replace(",'size':20", "");
        assertTrue(assertThrows(ManifestException.class, () -> parse(noSize, "")).getMessage().contains("layers[]"));
        String badDigest = manifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_LAYER).replace(D2, "sha256:xyz");
        assertTrue(assertThrows(ManifestException.class, () -> parse(badDigest, "")).getMessage().contains("bad digest"));
        String negative = manifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_LAYER).replace("'size':20", "'size':-1");
        assertTrue(assertThrows(ManifestException.class, () -> parse(negative, "")).getMessage().contains("negative"));
    }

    @Test
    void nonObjectsAndInvalidJsonAreRejected() {
        assertThrows(ManifestException.class, () -> parse("[]", ""));
        assertThrows(ManifestException.class, () -> parse("{not json", ""));
        assertThrows(ManifestException.class, () -> parse("", ""));
    }

    @Test
    void platformParsesAndNormalisesArchitectures() {
        assertEquals(new Platform("linux", "amd64", Optional.empty()), Platform.parse("linux/x86_64"));
        assertEquals(new Platform("linux", "arm64", Optional.of("v8")), Platform.parse("Linux/ARM64/v8"));
        assertEquals("linux/arm/v7", Platform.parse("linux/arm/v7").toString());
        for (String bad : new String[]{"linux", "linux/", "/amd64", "a/b/c/d"}) {
            assertThrows(IllegalArgumentException.class, () -> Platform.parse(bad), bad);
        }
    }

    @Test
    void aWantedPlatformWithoutVariantAcceptsAnyVariant() {
        Platform arm = Platform.parse("linux/arm64");
        assertTrue(arm.accepts(Platform.parse("linux/arm64/v8")));
        assertTrue(arm.accepts(Platform.parse("linux/arm64")));
        assertFalse(Platform.parse("linux/arm64/v8").accepts(arm));
        assertFalse(arm.accepts(Platform.parse("linux/amd64")));
        assertFalse(arm.accepts(Platform.parse("darwin/arm64")));
    }
}
