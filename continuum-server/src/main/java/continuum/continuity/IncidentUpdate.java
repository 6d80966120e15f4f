package continuum.continuity;

import java.time.Instant;

/** One entry of an incident's timeline: its status then, and what was said. */
public record IncidentUpdate(long id, IncidentStatus status, String body, String author, Instant at) {
}
