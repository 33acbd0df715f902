package dev.sandpod.client.model;

import java.util.List;

public record SandboxList(List<SandboxSummary> sandboxes) {
}
