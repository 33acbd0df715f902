package dev.sandpod.client.model;

import java.util.List;

public record EventList(List<EventInfo> events) {
}
